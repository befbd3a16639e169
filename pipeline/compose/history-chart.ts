/** The chart of the chapter "Utveckling över tid", from the report's history view. Pure. */
import { renderHistoryChart } from '../charts/index.ts';
import type { MunicipalityReport } from '../model/types.ts';
import type { ChartMarkup } from './to-html.ts';

/** Composite efficiency per year beside the kommungrupp and national medians; throws without a history. */
export function buildHistoryChart(report: MunicipalityReport): ChartMarkup {
  const view = report.utveckling;
  if (!view) throw new Error(`Internal error: no history for ${report.kommun.kod}`);
  return renderHistoryChart({
    kommunNamn: report.kommun.namn,
    groupName: report.kommun.kommungrupp,
    points: view.ar.map((y) => ({
      ar: y.ar,
      own: y.effektivitet,
      groupMedian: y.gruppMedian,
      nationalMedian: y.rikeMedian,
      ...(y.diagramNot ? { note: y.diagramNot } : {}),
    })),
  });
}
