/**
 * One municipality's page: the same composed document as its PDF (key figures, charts,
 * tailored advice) as HTML, with a link to the PDF. Pure.
 */
import type { ChartMarkup, ComposedReport } from '../compose/index.ts';
import type { MunicipalityReport } from '../model/types.ts';
import { formatDate, formatFileSize } from './format-file-info.ts';
import { ATTRIBUTION, LICENCE } from './open-data-columns.ts';
import { scrollableRegions } from './scrollable-regions.ts';
import { absoluteUrl, PAGE_ROOT, pagePath } from './site-paths.ts';
import type { SiteTemplates } from './site-templates.ts';
import type { ManifestEntry } from './types.ts';
import { municipalityCsvName } from './municipality-data.ts';
import { excelFileName } from './open-data-csv.ts';

/** What a municipality page is made from. */
export interface MunicipalityPageInput {
  report: MunicipalityReport;
  composed: Pick<ComposedReport, 'bodyHtml' | 'toc'>;
  charts: Record<string, ChartMarkup>;
  /** Its published PDF, or null when the report was not printed. */
  pdf: ManifestEntry | null;
  baseUrl: string | null;
  generator: string;
  updatedAt: string;
}

/** Renders `kommun/<kod>-<slug>/index.html`. Data values are HTML-escaped by Handlebars. */
export function renderMunicipalityPage(templates: SiteTemplates, input: MunicipalityPageInput): string {
  const { report, composed, pdf } = input;
  const s = report.sammanfattning;
  const { kommun } = report;
  return templates.kommun({
    head: {
      title: `${kommun.namn}: effektivitet och råd ${report.ar} – Kommunrapport`,
      description: `${kommun.namn} har plats ${s.rangText} bland Sveriges kommuner med sammanvägd effektivitet ${s.effektivitetText}. Effektiviseringspotential ${s.potentialText} (${s.potentialPerInvanareText} per invånare), uppgifter för ${report.ar}.`,
      generator: input.generator,
      canonical: absoluteUrl(input.baseUrl, pagePath(kommun.kod, kommun.slug)),
      section: 'kommun',
      ogType: 'article',
      root: PAGE_ROOT,
      ar: report.ar,
      updated: formatDate(input.updatedAt),
    },
    ar: report.ar,
    preliminar: report.preliminar,
    kommun,
    sammanfattning: s,
    pdf: pdf
      ? {
          href: PAGE_ROOT + pdf.pdf,
          sizeText: formatFileSize(pdf.bytes),
          pages: pdf.pages,
          date: formatDate(pdf.generatedAt),
        }
      : null,
    kort: pdf?.kort
      ? { href: PAGE_ROOT + pdf.kort.pdf, sizeText: formatFileSize(pdf.kort.bytes), pages: pdf.kort.pages }
      : null,
    karta: input.charts.karta?.svg ?? '',
    // The municipality's own rows (written beside data.json by the open-data step), not the national tables.
    historikData: !!report.utveckling,
    csv: {
      standard: municipalityCsvName(kommun.kod, kommun.slug),
      excel: excelFileName(municipalityCsvName(kommun.kod, kommun.slug)),
    },
    toc: composed.toc.map(({ id, title }) => ({ id, title })),
    bodyHtml: scrollableRegions(composed.bodyHtml),
    attribution: ATTRIBUTION,
    licence: LICENCE,
  });
}
