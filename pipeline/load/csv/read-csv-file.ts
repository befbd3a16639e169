import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Readable, pipeline } from 'node:stream';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { DataError } from '../../errors.ts';
import type { CsvRecord } from './csv-record.ts';
import { RecordLines, csvParseOptions } from './csv-record.ts';
import { detectDelimiter, sniffText } from './sniff-text.ts';
import { toCsvDataError } from './csv-error.ts';

/** Files above this are refused: no input of this project is near it, and it bounds surprises. */
export const DEFAULT_MAX_BYTES = 512 * 1024 * 1024;
const HEAD_BYTES = 64 * 1024;

export interface ReadCsvOptions {
  /** Refuse larger files (default 512 MB). */
  maxBytes?: number;
}

/**
 * Streams the records of a CSV file with bounded memory; the first record is the header.
 * Detects UTF-8 vs Windows-1252 and the delimiter from the first 64 KB, normalises CRLF, and
 * reports every problem as a `DataError` with the file and line.
 */
export async function* readCsvFile(file: string, options: ReadCsvOptions = {}): AsyncGenerator<CsvRecord> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const size = await fileSize(file);
  if (size > maxBytes) {
    throw new DataError({ file }, `Cannot read the file: it is ${mb(size)} MB; expected at most ${mb(maxBytes)} MB`, {
      hint: 'Split the file or remove unused columns.',
    });
  }
  const head = await readHead(file);
  const sniff = sniffText(head, head.length === size);
  if (sniff.binaryAt !== undefined) {
    throw new DataError(
      { file },
      `Cannot read the file: found a NUL byte at byte ${sniff.binaryAt}; expected CSV text`,
      {
        hint: 'If this is an Excel workbook (.xlsx), save it as "CSV UTF-8" first.',
      },
    );
  }
  const headText =
    sniff.encoding === 'utf-8' ? new TextDecoder().decode(head) : iconv.decode(Buffer.from(head), 'win1252');
  const parser = parse(csvParseOptions(detectDelimiter(headText.replace(/^\ufeff/, ''))));
  pipeline(Readable.from(decodeLines(file, sniff.encoding)), parser, () => {});
  const lines = new RecordLines(file);
  try {
    for await (const fields of parser as AsyncIterable<string[]>) {
      const record = lines.next(fields);
      if (record) yield record;
    }
  } catch (error) {
    throw toCsvDataError(file, error);
  } finally {
    parser.destroy();
  }
}

/** Decoded text chunks with CRLF turned into LF (a CR at a chunk's end waits for the next chunk). */
async function* decodeLines(file: string, encoding: 'utf-8' | 'windows-1252'): AsyncGenerator<string> {
  const decoder = encoding === 'utf-8' ? new TextDecoder('utf-8', { fatal: true }) : undefined;
  let bytes = 0;
  let carry = '';
  for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>) {
    let text: string;
    try {
      text = decoder ? decoder.decode(chunk, { stream: true }) : iconv.decode(chunk, 'win1252');
    } catch {
      throw new DataError(
        { file },
        `Cannot decode the file: invalid UTF-8 after byte ${bytes}; expected one encoding for the whole file`,
        {
          hint: 'Save the file again as "CSV UTF-8".',
        },
      );
    }
    bytes += chunk.length;
    text = carry + text;
    carry = text.endsWith('\r') ? '\r' : '';
    if (carry) text = text.slice(0, -1);
    if (text) yield text.replace(/\r\n?/g, '\n');
  }
  try {
    const rest = decoder?.decode() ?? '';
    if (rest || carry) yield (rest || '') + (carry ? '\n' : '');
  } catch {
    throw new DataError(
      { file },
      `Cannot decode the file: it ends inside a UTF-8 character at byte ${bytes}; expected complete UTF-8`,
    );
  }
}

async function fileSize(file: string): Promise<number> {
  try {
    const info = await stat(file);
    if (!info.isFile())
      throw new DataError({ file }, 'Cannot read the file: it is not a regular file; expected a CSV file');
    return info.size;
  } catch (error) {
    if (error instanceof DataError) throw error;
    throw new DataError({ file }, 'Cannot read the file: it does not exist or is not readable; expected a CSV file', {
      cause: error,
    });
  }
}

async function readHead(file: string): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
