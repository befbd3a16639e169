/**
 * Just enough of a PDF reader for the files Chromium (Skia) writes — a classic xref table and
 * plain-text dictionaries — to read the outline and append an incremental update. Parsing the
 * whole document with pdf-lib cost ~300 ms per tagged 20-page report; this costs ~2 ms.
 */
import { PdfError } from '../errors.ts';

/** A reference `N 0 R` as its object number. */
export type ObjectNumber = number;

export class RawPdf {
  readonly text: string;
  readonly offsets = new Map<ObjectNumber, number>();
  readonly trailer: string;
  /** Offset of the newest cross-reference section. */
  readonly startxref: number;

  constructor(
    readonly bytes: Uint8Array,
    private readonly label: string,
  ) {
    // latin1 maps bytes 1:1 to UTF-16 code units, so string offsets are byte offsets. Buffer's
    // native latin1 takes ~0.3 ms for a report; TextDecoder('latin1') took ~9 ms.
    this.text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    const start = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(this.text.slice(-64));
    if (!start) throw this.fail('no startxref at the end');
    this.startxref = Number(start[1]);
    this.trailer = '';
    // Newest section first; an object's first offset seen wins, as later updates supersede.
    for (let at: number | undefined = this.startxref, guard = 0; at !== undefined && guard < 100; guard += 1) {
      if (this.text.slice(at, at + 4) !== 'xref')
        throw this.fail('the cross-reference table is not a classic xref table');
      const trailerAt = this.text.indexOf('trailer', at);
      this.readXref(this.text.slice(at + 4, trailerAt));
      const trailer = this.text.slice(trailerAt, this.text.indexOf('startxref', trailerAt));
      this.trailer ||= trailer;
      const prev = /\/Prev\s+(\d+)/.exec(trailer)?.[1];
      at = prev === undefined ? undefined : Number(prev);
    }
  }

  /** The dictionary text of object `num` (everything between `obj` and `endobj`). */
  object(num: ObjectNumber): string {
    const at = this.offsets.get(num);
    if (at === undefined) throw this.fail(`object ${num} is not in the xref table`);
    const begin = this.text.indexOf('obj', at) + 3;
    return this.text.slice(begin, this.text.indexOf('endobj', begin)).trim();
  }

  /** The object number of `/Key N 0 R` in `dict`, if present. */
  ref(dict: string, key: string): ObjectNumber | undefined {
    const match = new RegExp(`/${key}\\s+(\\d+)\\s+0\\s+R`).exec(dict);
    return match ? Number(match[1]) : undefined;
  }

  get size(): number {
    return Number(/\/Size\s+(\d+)/.exec(this.trailer)?.[1]);
  }

  fail(message: string): PdfError {
    return new PdfError(this.label, `Cannot read the PDF Chromium wrote: ${message}`);
  }

  private readXref(table: string): void {
    const lines = table.trim().split(/\r?\n/);
    for (let i = 0; i < lines.length;) {
      const [first, count] = lines[i]!.trim().split(/\s+/).map(Number) as [number, number];
      for (let k = 0; k < count; k += 1) {
        const [offset, , kind] = lines[i + 1 + k]!.trim().split(/\s+/);
        if (kind === 'n' && !this.offsets.has(first + k)) this.offsets.set(first + k, Number(offset));
      }
      i += count + 1;
    }
  }
}

/** Decodes a PDF string token: `(literal)` or `<hex>` (UTF-16BE with BOM, or PDFDocEncoding≈latin1). */
export function decodePdfString(token: string): string {
  let bytes: number[];
  if (token.startsWith('<')) {
    const hex = token.slice(1, -1).replace(/\s+/g, '');
    bytes = hex.match(/../g)?.map((pair) => parseInt(pair, 16)) ?? [];
  } else {
    bytes = [];
    const body = token.slice(1, -1);
    for (let i = 0; i < body.length; i += 1) {
      const ch = body[i]!;
      if (ch !== '\\') {
        bytes.push(ch.charCodeAt(0));
        continue;
      }
      const next = body[++i]!;
      const octal = /^[0-7]{1,3}/.exec(body.slice(i))?.[0];
      if (octal) {
        bytes.push(parseInt(octal, 8));
        i += octal.length - 1;
        continue;
      }
      bytes.push(({ n: 10, r: 13, t: 9, b: 8, f: 12 } as Record<string, number>)[next] ?? next.charCodeAt(0));
    }
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    let out = '';
    for (let i = 2; i + 1 < bytes.length; i += 2) out += String.fromCharCode((bytes[i]! << 8) | bytes[i + 1]!);
    return out;
  }
  return String.fromCharCode(...bytes);
}

/** Encodes text as a UTF-16BE hex string token, safe for any characters. */
export function encodePdfString(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i += 1) hex += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
}

/** The first string token after `/Key` in `dict`. */
export function stringAfter(dict: string, key: string): { token: string; index: number } | undefined {
  const match = new RegExp(`/${key}\\s*(<[0-9A-Fa-f\\s]*>|\\((?:\\\\.|[^\\\\)])*\\))`).exec(dict);
  return match ? { token: match[1]!, index: match.index } : undefined;
}
