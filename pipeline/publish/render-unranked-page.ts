/**
 * The web page of a municipality with no comparable area (issue 20 point 1): the same short
 * report as its PDF, without a rank, with links to its PDFs. Pure.
 */
import type { UnrankedReport } from '../model/build-unranked-report.ts';
import { formatDate, formatFileSize } from './format-file-info.ts';
import { ATTRIBUTION, LICENCE } from './open-data-columns.ts';
import { absoluteUrl, PAGE_ROOT, pagePath } from './site-paths.ts';
import type { SiteTemplates } from './site-templates.ts';
import type { ManifestEntry } from './types.ts';

export interface UnrankedPageInput {
  view: UnrankedReport;
  bodyHtml: string;
  pdf: ManifestEntry;
  baseUrl: string | null;
  generator: string;
  updatedAt: string;
}

/** Renders `kommun/<kod>-<slug>/index.html`; values are HTML-escaped by Handlebars. */
export function renderUnrankedPage(templates: SiteTemplates, input: UnrankedPageInput): string {
  const { view, pdf } = input;
  const { kommun } = view;
  return templates.kommunOrankad({
    head: {
      title: `${kommun.namn}: effektivitetsrapport ${view.ar} – Kommunrapport`,
      description: `För ${kommun.namn} gick ingen verksamhet att jämföra med uppgifterna för ${view.ar}, så kommunen har ingen placering. Rapporten säger varför.`,
      generator: input.generator,
      canonical: absoluteUrl(input.baseUrl, pagePath(kommun.kod, kommun.slug)),
      section: 'kommun',
      ogType: 'article',
      root: PAGE_ROOT,
      ar: view.ar,
      updated: formatDate(input.updatedAt),
    },
    ar: view.ar,
    preliminar: view.preliminar,
    kommun,
    pdf: {
      href: PAGE_ROOT + pdf.pdf,
      sizeText: formatFileSize(pdf.bytes),
      pages: pdf.pages,
      date: formatDate(pdf.generatedAt),
    },
    kort: pdf.kort
      ? { href: PAGE_ROOT + pdf.kort.pdf, sizeText: formatFileSize(pdf.kort.bytes), pages: pdf.kort.pages }
      : null,
    bodyHtml: input.bodyHtml,
    attribution: ATTRIBUTION,
    licence: LICENCE,
  });
}
