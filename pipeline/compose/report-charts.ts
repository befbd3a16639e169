/** The charts of one report, from the model context and the view model. Pure. */
import {
  renderAreaComparison,
  renderChoroplethMap,
  renderPeerComparison,
  renderPotentialBars,
  renderRankStrip,
  type MapGeometry,
} from '../charts/index.ts';
import { buildHistoryChart } from './history-chart.ts';
import { AREAS } from '../load/types.ts';
import type { ModelContext } from '../model/index.ts';
import type { MunicipalityReport } from '../model/types.ts';
import { median } from '../stats/index.ts';
import type { ChartMarkup } from './to-html.ts';
import { phrase } from '../model/phrases.ts';

/** Shared per run: the values and names the rank strip and map use for every report. */
export interface ChartContext {
  model: ModelContext;
  map: MapGeometry;
  names: Map<string, string>;
  values: Map<string, number | null>;
}

/** The ids templates may name in `{{diagram "…"}}`, plus the cover map. */
export const CHART_IDS = ['rangordning', 'omraden', 'potential', 'jamforelse', 'karta', 'utveckling'] as const;

/** Builds the chart context once per run. */
export function buildChartContext(model: ModelContext, map: MapGeometry): ChartContext {
  return {
    model,
    map,
    names: new Map(model.input.municipalities.map((m) => [m.kommunkod, m.kommun])),
    values: new Map(model.input.table.map((row) => [row.kommunkod, row.effektivitet])),
  };
}

/** Charts by id, as used by `{{diagram "id"}}` and the cover (`karta`). */
export function buildReportCharts(chart: ChartContext, report: MunicipalityReport): Record<string, ChartMarkup> {
  const { model } = chart;
  const code = report.kommun.kod;
  const keyFigures = (kod: string) => model.input.keyFigures.get(kod);
  const peers = report.forebilder.slice(0, 4);

  return {
    rangordning: buildRankStripChart(chart, report),
    omraden: buildAreaChart(chart, report),
    potential: renderPotentialBars({
      areas: report.omraden.map((area) => ({
        namn: area.namn,
        kr: area.potentialKr,
        perInvanare: area.potentialKr === null ? null : area.potentialKr / report.kommun.invanare,
      })),
    }),
    jamforelse: renderPeerComparison({
      figures: AREAS.flatMap((area) => {
        const own = keyFigures(code)?.[area]?.find((figure) => figure.role === 'input');
        if (!own) return [];
        return [
          {
            title: own.title,
            unit: own.unit,
            higherIsBetter: own.higherIsBetter,
            values: [
              { namn: report.kommun.namn, value: own.value, self: true },
              ...peers.map((peer) => ({
                namn: peer.namn,
                value: keyFigures(peer.kommunkod)?.[area]?.find((figure) => figure.kpi === own.kpi)?.value ?? null,
                self: false,
              })),
            ],
          },
        ];
      }),
    }),
    karta: buildMapChart(chart, code),
    ...(report.utveckling ? { utveckling: buildHistoryChart(report) } : {}),
  };
}

/**
 * The rank strip, with the rank's 95 % interval when the efficiency table has one (null when
 * it has the columns' place but no values: the chart then says the interval is missing).
 */
export function buildRankStripChart(chart: ChartContext, report: MunicipalityReport): ChartMarkup {
  const { model } = chart;
  const code = report.kommun.kod;
  const inGroup = new Set((model.groupMembers.get(report.kommun.kommungruppKod) ?? []).map((row) => row.kommunkod));
  const row = model.rowByCode.get(code);
  const low = row?.rangLag;
  const high = row?.rangHog;
  return renderRankStrip({
    units: model.input.table.map((r) => ({
      kommunkod: r.kommunkod,
      namn: chart.names.get(r.kommunkod) ?? r.kommunkod,
      value: r.effektivitet,
      inGroup: inGroup.has(r.kommunkod),
    })),
    highlight: code,
    groupName: report.kommun.kommungrupp,
    rank: report.sammanfattning.rang,
    rankInterval: typeof low === 'number' && typeof high === 'number' ? { low, high } : null,
  });
}

/** Per area: own efficiency with its 95 % interval (when the table has one) against the group. */
export function buildAreaChart(chart: ChartContext, report: MunicipalityReport): ChartMarkup {
  const { model } = chart;
  const group = model.groupMembers.get(report.kommun.kommungruppKod) ?? [];
  const row = model.rowByCode.get(report.kommun.kod);
  return renderAreaComparison({
    kommunNamn: report.kommun.namn,
    areas: AREAS.map((area) => {
      const values = group.map((r) => r.areas[area].effektivitet).filter((v): v is number => v !== null);
      const view = report.omraden.find((item) => item.id === area)!;
      const result = row?.areas[area];
      return {
        namn: view.namn,
        own: view.effektivitet,
        groupMedian: values.length ? median(values) : null,
        groupBest: values.length ? Math.max(...values) : null,
        groupBestName: view.gruppBastaNamn,
        ownLow: result?.effektivitetLag ?? null,
        ownHigh: result?.effektivitetHog ?? null,
      };
    }),
  });
}

/** The cover map alone (all a website page needs besides the composed body). */
export function buildMapChart(chart: ChartContext, kommunkod: string): ChartMarkup {
  return renderChoroplethMap(chart.map, {
    values: chart.values,
    highlight: kommunkod,
    names: chart.names,
    legendTitle: phrase('diagram', 'sammanvagdEffektivitet'),
  });
}
