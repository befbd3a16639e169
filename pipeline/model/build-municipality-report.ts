/** Efficiency table + master data → the view model of one report. Pure. */
import { formatAmount, formatKr, formatNumber, formatPercent } from '../format/index.ts';
import { AREA_NAMES, AREAS, type Area, type EfficiencyRow, type Municipality } from '../load/types.ts';
import { computeFacts } from './facts.ts';
import { areaValues, type ModelContext } from './model-context.ts';
import { findRoleModels } from './role-models.ts';
import { median, rankDescending, slugify } from './stats.ts';
import { rankThemes } from './theme-relevance.ts';
import { buildHistoryView } from './build-history-view.ts';
import type { AreaView, MunicipalityReport } from './types.ts';

const MISSING = 'saknas';
const ROLE_NAMES = { input: 'resurs', output: 'resultat', structure: 'struktur' } as const;

/** Builds the view model for `kommunkod`; the context comes from `buildModelContext`. */
export function buildMunicipalityReport(ctx: ModelContext, kommunkod: string): MunicipalityReport {
  const m = ctx.byCode.get(kommunkod);
  const row = ctx.rowByCode.get(kommunkod);
  if (!m || !row) throw new Error(`Internal error: no data for kommunkod ${kommunkod}`);
  const n = ctx.input.table.length;
  const group = ctx.groupMembers.get(m.kommungruppKod) ?? [];
  const groupSorted = ctx.memo(`sorted:${m.kommungruppKod}`, () => [...group].sort((a, b) => a.rang - b.rang));
  const groupRank = groupSorted.findIndex((r) => r.kommunkod === kommunkod) + 1;
  const best = groupSorted[0]!;
  const cost = AREAS.reduce((sum, area) => sum + (row.areas[area].kostnadKr ?? 0), 0);
  const facts = computeFacts(ctx, m, row);
  const teman = rankThemes(ctx.input.themes, facts);
  const netCost = (ctx.context.get(kommunkod)?.netCostPerInhabitant ?? 0) * m.invanare;

  return {
    kommun: {
      kod: m.kommunkod,
      namn: m.kommun,
      slug: slugify(m.kommun),
      lan: m.lan,
      kommungrupp: m.kommungrupp,
      kommungruppKod: m.kommungruppKod,
      invanare: m.invanare,
      invanareText: formatNumber(m.invanare),
    },
    ar: row.ar,
    preliminar: ctx.input.preliminar ?? false,
    sammanfattning: {
      rang: row.rang,
      antal: n,
      rangText: `${row.rang} av ${n}`,
      gruppRang: groupRank,
      gruppAntal: group.length,
      gruppRangText: `${groupRank} av ${group.length} i ${m.kommungrupp}`,
      effektivitet: row.effektivitet,
      effektivitetText: formatPercent(row.effektivitet),
      gruppMedianText: formatPercent(ctx.memo(`median:${m.kommungruppKod}`, () => median(group.map((r) => r.effektivitet)))),
      gruppBastaNamn: ctx.byCode.get(best.kommunkod)!.kommun,
      gruppBastaText: formatPercent(best.effektivitet),
      potentialKr: row.potentialKr,
      potentialText: formatAmount(row.potentialKr),
      potentialPerInvanareText: formatKr(row.potentialKr / m.invanare),
      potentialAndelText: cost > 0 ? formatPercent(row.potentialKr / cost) : MISSING,
      kostnadText: formatAmount(cost),
    },
    omraden: AREAS.map((area) => areaView(ctx, m, row, group, area)),
    teman,
    toppteman: teman.slice(0, 3),
    fakta: facts,
    ettProcent: {
      kostnadsbasText: formatAmount(netCost),
      perArText: formatAmount(netCost * 0.01),
      efterFyraArText: formatAmount(netCost * (1 - 0.99 ** 4)),
      ackumuleratText: formatAmount(netCost * [1, 2, 3, 4].reduce((sum, k) => sum + (1 - 0.99 ** k), 0)),
      ar: ctx.year,
    },
    forebilder: findRoleModels(ctx, m, row),
    ...(ctx.input.history ? { utveckling: buildHistoryView(ctx.input.history, m, ctx.memo(`codes:${m.kommungruppKod}`, () => new Set(ctx.input.municipalities.filter((o) => o.kommungruppKod === m.kommungruppKod).map((o) => o.kommunkod)))) } : {}),
    nyckeltal: AREAS.flatMap((area) =>
      (ctx.input.keyFigures.get(kommunkod)?.[area] ?? []).map((figure) => ({
        omradesnamn: AREA_NAMES[area],
        kpi: figure.kpi,
        titel: figure.title,
        roll: ROLE_NAMES[figure.role],
        vardeText: figure.value === null ? MISSING : `${formatNumber(figure.value, figure.value < 100 ? 1 : 0)} ${figure.unit}`.trim(),
      })),
    ),
  };
}

function areaView(ctx: ModelContext, m: Municipality, row: EfficiencyRow, group: EfficiencyRow[], area: Area): AreaView {
  const result = row.areas[area];
  const own = result.effektivitet;
  const all = ctx.memo(`values:${area}`, () => areaValues(ctx.input.table, area));
  const inGroup = ctx.memo(`with:${m.kommungruppKod}:${area}`, () => group.filter((r) => r.areas[area].effektivitet !== null));
  const best = ctx.memo(`best:${m.kommungruppKod}:${area}`, () =>
    [...inGroup].sort((a, b) => (b.areas[area].effektivitet ?? 0) - (a.areas[area].effektivitet ?? 0) || a.rang - b.rang)[0],
  );
  const potential = result.potentialKr;
  return {
    id: area,
    namn: AREA_NAMES[area],
    harData: own !== null,
    effektivitet: own,
    effektivitetText: own === null ? MISSING : formatPercent(own),
    rangText: own === null ? MISSING : `${rankDescending(own, all)} av ${all.length}`,
    gruppMedianText: inGroup.length ? formatPercent(ctx.memo(`median:${m.kommungruppKod}:${area}`, () => median(areaValues(group, area)))) : MISSING,
    gruppBastaNamn: best ? ctx.byCode.get(best.kommunkod)!.kommun : MISSING,
    gruppBastaText: best ? formatPercent(best.areas[area].effektivitet!) : MISSING,
    kostnadText: result.kostnadKr === null ? MISSING : formatAmount(result.kostnadKr),
    potentialKr: potential,
    potentialText: potential === null ? MISSING : formatAmount(potential),
    potentialPerInvanareText: potential === null ? MISSING : formatKr(potential / m.invanare),
    jamforelse: result.jamforelse
      .filter((peer) => peer.kommunkod !== m.kommunkod)
      .map((peer) => ({ kommunkod: peer.kommunkod, namn: ctx.byCode.get(peer.kommunkod)?.kommun ?? peer.kommunkod, viktText: formatPercent(peer.weight) })),
  };
}
