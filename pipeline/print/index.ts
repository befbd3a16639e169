/** Print stage: HTML → PDF through one shared Chromium. */
export { BrowserSession, type BrowserSessionOptions } from './browser-session.ts';
export { guardPage } from './page-guard.ts';
export { createSessionFor } from './create-session.ts';
export { printReport, type PrintJob, type PrintOutcome, type TocHeading } from './print-report.ts';
export {
  finishPdf,
  loadPdf,
  readOutline,
  type LoadedPdf,
  type OutlineEntry,
  type PdfMetadata,
} from './pdf-document.ts';
export { printFontEnv, printFontFiles } from './print-fonts.ts';
