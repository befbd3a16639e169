/** Reads a PDF back the way a reader's software would: text, outline, metadata, fonts. */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const run = promisify(execFile);

export interface PdfReadBack {
  pages: number;
  /** Text of each page, whitespace collapsed. */
  pageTexts: string[];
  text: string;
  outline: { title: string; page: number; depth: number }[];
  info: Record<string, unknown>;
  bytes: number;
}

export async function readPdf(file: string): Promise<PdfReadBack> {
  const data = new Uint8Array(await readFile(file));
  const bytes = data.byteLength;
  const doc = await getDocument({ data, useSystemFonts: false, isEvalSupported: false }).promise;
  const pageTexts: string[] = [];
  for (let i = 1; i <= doc.numPages; i += 1) {
    const content = await (await doc.getPage(i)).getTextContent();
    pageTexts.push(
      content.items
        .map((item) => ('str' in item ? item.str + (item.hasEOL ? ' ' : '') : ''))
        .join('')
        .replace(/\s+/g, ' '),
    );
  }
  const outline: PdfReadBack['outline'] = [];
  const walk = async (items: Awaited<ReturnType<typeof doc.getOutline>> | null, depth: number) => {
    for (const item of items ?? []) {
      const dest = typeof item.dest === 'string' ? await doc.getDestination(item.dest) : item.dest;
      const ref = dest?.[0];
      const page = ref && typeof ref === 'object' ? (await doc.getPageIndex(ref)) + 1 : 0;
      outline.push({ title: item.title, page, depth });
      await walk(item.items, depth + 1);
    }
  };
  await walk(await doc.getOutline(), 0);
  const { info } = await doc.getMetadata();
  await doc.destroy();
  return {
    pages: pageTexts.length,
    pageTexts,
    text: pageTexts.join('\n'),
    outline,
    info: info as Record<string, unknown>,
    bytes,
  };
}

/** `pdffonts` rows: name, type, embedded. */
export async function pdfFonts(file: string): Promise<{ name: string; embedded: boolean }[]> {
  const { stdout } = await run('pdffonts', [file]);
  return stdout
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((line) => {
      const cols = line.trim().split(/\s+/);
      // Columns from the right: emb sub uni object ID (5 fields after the encoding).
      return { name: cols[0] ?? '', embedded: cols[cols.length - 5] === 'yes' };
    });
}

/** `pdfinfo` as key → value. */
export async function pdfInfo(file: string): Promise<Record<string, string>> {
  const { stdout } = await run('pdfinfo', [file]);
  return Object.fromEntries(
    stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]),
  );
}
