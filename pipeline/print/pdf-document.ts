/**
 * Reads and finishes a PDF that Chromium printed: the outline with page numbers (for the
 * table of contents' second pass) and the document metadata Chromium does not set.
 */
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString } from 'pdf-lib';

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
  /** BCP 47 language tag, `sv`. */
  language: string;
  creator: string;
  /** Fixed for reproducible bytes when the inputs did not change. */
  date: Date;
}

/** Loads PDF bytes once for reading and finishing. */
export function loadPdf(bytes: Uint8Array): Promise<PDFDocument> {
  return PDFDocument.load(bytes, { updateMetadata: false });
}

/** The outline (bookmarks) flattened in document order; repairs doubled titles in place. */
export function readOutline(doc: PDFDocument): OutlineEntry[] {
  const pageNumbers = new Map<string, number>();
  doc.getPages().forEach((page, index) => pageNumbers.set(page.ref.toString(), index + 1));
  const root = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  const entries: OutlineEntry[] = [];
  const walk = (first: PDFDict | undefined, depth: number): void => {
    // Bounded so a malformed, cyclic outline cannot hang the run.
    for (let item = first, guard = 0; item && guard < 10_000; guard += 1) {
      const dest = item.lookupMaybe(PDFName.of('Dest'), PDFArray);
      const pageRef = dest?.get(0);
      const page = pageRef instanceof PDFRef ? pageNumbers.get(pageRef.toString()) ?? 0 : 0;
      const title = undoubled(decodeTitle(item.lookup(PDFName.of('Title'))));
      // Write the repaired title back so readers see it in the bookmarks too.
      item.set(PDFName.of('Title'), PDFHexString.fromText(title));
      entries.push({ title, page, depth });
      walk(item.lookupMaybe(PDFName.of('First'), PDFDict), depth + 1);
      item = item.lookupMaybe(PDFName.of('Next'), PDFDict);
    }
  };
  walk(root?.lookupMaybe(PDFName.of('First'), PDFDict), 0);
  return entries;
}

/** Sets title, author, subject, keywords, language and dates, and returns the final bytes. */
export async function finishPdf(doc: PDFDocument, meta: PdfMetadata): Promise<Uint8Array> {
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setKeywords(meta.keywords);
  doc.setLanguage(meta.language);
  doc.setCreator(meta.creator);
  doc.setProducer('kommunrapport (Chromium, pdf-lib)');
  doc.setCreationDate(meta.date);
  doc.setModificationDate(meta.date);
  return doc.save();
}

/**
 * Chromium 156 repeats a bookmark's text ("XX") when its heading starts a new page after a
 * forced break; undo that so bookmarks and the TOC match the headings.
 */
function undoubled(title: string): string {
  const half = title.length / 2;
  return Number.isInteger(half) && half > 0 && title.slice(0, half) === title.slice(half) ? title.slice(0, half) : title;
}

function decodeTitle(value: unknown): string {
  if (value instanceof PDFString || value instanceof PDFHexString) return value.decodeText();
  return '';
}
