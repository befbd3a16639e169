/**
 * Reads and finishes a PDF that Chromium printed: the outline with page numbers (for the
 * table of contents' second pass), repaired bookmark titles, and the document metadata
 * Chromium does not set — written as an incremental update appended to Chromium's bytes.
 */
import { linkAnnotations, linkDescription, xmpPacket } from './pdf-accessibility.ts';
import { decodePdfString, encodePdfString, RawPdf, stringAfter, type ObjectNumber } from './raw-pdf.ts';

/** One bookmark: its title, 1-based page number and depth (0 = top level). */
export interface OutlineEntry {
  title: string;
  page: number;
  depth: number;
}

export interface PdfMetadata {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  creator: string;
  date: Date;
  /** Document language for the XMP metadata (BCP 47); default `sv`, as the HTML's `lang`. */
  language?: string;
}

const PRODUCER = 'kommunrapport (Chromium)';

/** A printed PDF with its outline read. */
export interface LoadedPdf {
  raw: RawPdf;
  pageCount: number;
  outline: OutlineEntry[];
  /** Outline items whose titles need rewriting: object number → new dictionary text. */
  repairs: Map<ObjectNumber, string>;
}

/** Reads the page tree and the outline of Chromium's PDF. */
export function loadPdf(bytes: Uint8Array, label = 'pdf'): LoadedPdf {
  const raw = new RawPdf(bytes, label);
  const root = raw.ref(raw.trailer, 'Root');
  if (root === undefined) throw raw.fail('the trailer has no /Root');
  const catalog = raw.object(root);
  const pageNumbers = new Map<ObjectNumber, number>();
  const walkPages = (num: ObjectNumber, depth: number): void => {
    const dict = raw.object(num);
    if (/\/Type\s*\/Page\b(?!s)/.test(dict)) {
      pageNumbers.set(num, pageNumbers.size + 1);
      return;
    }
    const kids = /\/Kids\s*\[([^\]]*)\]/.exec(dict)?.[1] ?? '';
    if (depth < 32) for (const kid of kids.matchAll(/(\d+)\s+0\s+R/g)) walkPages(Number(kid[1]), depth + 1);
  };
  const pages = raw.ref(catalog, 'Pages');
  if (pages === undefined) throw raw.fail('the catalog has no /Pages');
  walkPages(pages, 0);

  const outline: OutlineEntry[] = [];
  const repairs = new Map<ObjectNumber, string>();
  const walkOutline = (first: ObjectNumber | undefined, depth: number): void => {
    // Bounded so a malformed, cyclic outline cannot hang the run.
    for (let num = first, guard = 0; num !== undefined && guard < 10_000; guard += 1) {
      const dict = raw.object(num);
      const found = stringAfter(dict, 'Title');
      const decoded = found ? decodePdfString(found.token) : '';
      const title = undoubled(decoded);
      if (found && title !== decoded) repairs.set(num, dict.replace(found.token, encodePdfString(title)));
      const destPage = /\/Dest\s*\[\s*(\d+)\s+0\s+R/.exec(dict)?.[1];
      outline.push({ title, page: destPage ? (pageNumbers.get(Number(destPage)) ?? 0) : 0, depth });
      walkOutline(raw.ref(dict, 'First'), depth + 1);
      num = raw.ref(dict, 'Next');
    }
  };
  const outlines = raw.ref(catalog, 'Outlines');
  if (outlines !== undefined) walkOutline(raw.ref(raw.object(outlines), 'First'), 0);
  return { raw, pageCount: pageNumbers.size, outline, repairs };
}

/** The outline (bookmarks) flattened in document order. */
export function readOutline(pdf: LoadedPdf): OutlineEntry[] {
  return pdf.outline;
}

/**
 * Appends an incremental update with the metadata (Info dictionary and an XMP stream with the
 * PDF/UA identifier), repaired bookmarks and a description on every link annotation (its text
 * in `links`, the HTML's link texts by href); returns the final bytes.
 */
export function finishPdf(pdf: LoadedPdf, meta: PdfMetadata, links: Map<string, string> = new Map()): Uint8Array {
  const { raw } = pdf;
  const infoNum = raw.ref(raw.trailer, 'Info') ?? raw.size;
  const metadataNum = Math.max(raw.size, infoNum + 1);
  const rootNum = raw.ref(raw.trailer, 'Root')!;
  const catalog = raw.object(rootNum).replace(/\/Metadata\s+\d+\s+0\s+R/, '');
  const objects = new Map<ObjectNumber, string | Buffer>([
    [infoNum, infoDictionary(meta)],
    [rootNum, `${catalog.slice(0, catalog.lastIndexOf('>>'))}\n/Metadata ${metadataNum} 0 R>>`],
    ...pdf.repairs,
    ...linkAnnotations(raw).map(({ num, dict, target }): [ObjectNumber, string] => [
      num,
      `${dict.slice(0, dict.lastIndexOf('>>'))}\n/Contents ${encodePdfString(linkDescription(target, links))}>>`,
    ]),
    [metadataNum, metadataStream(meta)],
  ]);
  return appendUpdate(raw, objects, { size: metadataNum + 1, rootNum, infoNum });
}

/** The document information dictionary: title, author, subject, keywords, creator, producer, dates. */
function infoDictionary(meta: PdfMetadata): string {
  const date = pdfDate(meta.date);
  const info = [
    `/Title ${encodePdfString(meta.title)}`,
    `/Author ${encodePdfString(meta.author)}`,
    `/Subject ${encodePdfString(meta.subject)}`,
    `/Keywords ${encodePdfString(meta.keywords.join(', '))}`,
    `/Creator ${encodePdfString(meta.creator)}`,
    `/Producer ${encodePdfString(PRODUCER)}`,
    `/CreationDate (${date})`,
    `/ModDate (${date})`,
  ].join('\n');
  return `<<${info}>>`;
}

/** The XMP metadata stream; its packet is UTF-8 and stays uncompressed, so any tool can find it. */
function metadataStream(meta: PdfMetadata): Buffer {
  const xmp = Buffer.from(xmpPacket({ ...meta, producer: PRODUCER, language: meta.language ?? 'sv' }), 'utf8');
  return Buffer.concat([
    Buffer.from(`<</Type /Metadata\n/Subtype /XML\n/Length ${xmp.length}>>\nstream\n`, 'latin1'),
    xmp,
    Buffer.from('\nendstream', 'latin1'),
  ]);
}

/** `raw` with an incremental update appended: `objects` (replaced or new), their xref section and trailer. */
function appendUpdate(
  raw: RawPdf,
  objects: Map<ObjectNumber, string | Buffer>,
  { size, rootNum, infoNum }: { size: number; rootNum: ObjectNumber; infoNum: ObjectNumber },
): Uint8Array {
  const parts: Buffer[] = [Buffer.from('\n', 'latin1')];
  let length = raw.bytes.byteLength + 1;
  const entries: [ObjectNumber, number][] = [];
  for (const [num, content] of [...objects].sort((a, b) => a[0] - b[0])) {
    entries.push([num, length]);
    const bytes = Buffer.concat([
      Buffer.from(`${num} 0 obj\n`, 'latin1'),
      typeof content === 'string' ? Buffer.from(content, 'latin1') : content,
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    parts.push(bytes);
    length += bytes.length;
  }
  const xref = [
    'xref',
    '0 1',
    '0000000000 65535 f ',
    ...entries.flatMap(([num, offset]) => [`${num} 1`, `${String(offset).padStart(10, '0')} 00000 n `]),
  ];
  parts.push(
    Buffer.from(
      `${xref.join('\n')}\ntrailer\n<</Size ${size}\n/Root ${rootNum} 0 R\n/Info ${infoNum} 0 R\n/Prev ${raw.startxref}>>\nstartxref\n${length}\n%%EOF\n`,
      'latin1',
    ),
  );
  return Buffer.concat([raw.bytes, ...parts]);
}

/** `D:20261127013309Z` */
function pdfDate(date: Date): string {
  return `D:${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}

/**
 * Chromium 156 repeats a bookmark's text ("XX") when its heading starts a new page after a
 * forced break; undo that so bookmarks and the TOC match the headings.
 */
function undoubled(title: string): string {
  const half = title.length / 2;
  return Number.isInteger(half) && half > 0 && title.slice(0, half) === title.slice(half)
    ? title.slice(0, half)
    : title;
}
