/**
 * The named facts templates branch on, each with the finding in plain Swedish and the figures
 * behind it. A fact holds only when the difference is material, so a reader is never sent
 * after 0,3 procentenheter: the thresholds are stated here, once, and in the report's method text.
 */
import {
  formatAmountRounded,
  formatNumber,
  formatPercent,
  formatPoints,
  genitive,
  inPlace,
  joinSv,
} from '../format/index.ts';
import { AREA_DEFINITE, AREA_NAMES, AREAS, type Area, type EfficiencyRow, type Municipality } from '../load/types.ts';
import type { ModelContext } from './model-context.ts';
import type { Fact, FactName } from './types.ts';
import { historyFacts } from './history-facts.ts';
import { computeThemeFacts } from './theme-facts.ts';
import { hasPhrase, phrase } from './phrases.ts';

/** Top share of the country counted as "among the best". */
const TOP_SHARE = 0.1;
/** Below this share of the country ("far down"): the bottom third. */
const BOTTOM_SHARE = 2 / 3;
/** Efficiency this far under a median (share, i.e. 2 procentenheter) is worth a reader's attention. */
const MATERIAL_POINTS = 0.02;
/**
 * A figure this far (relative) from a median is worth a reader's attention (and, in the summary, a
 * structure figure this far from the national median explains an adjustment).
 */
export const MATERIAL_RELATIVE = 0.1;
/** Kolada's cost deviation above this (%) counts as spending more than the structure explains. */
const COST_DEVIATION_LIMIT = 5;
/** Net cost growth this many procentenheter above the national median counts as fast. */
const GROWTH_POINTS = 0.02;
/** Tax rate this many procentenheter above the national median counts as high. */
const TAX_POINTS = 0.5;
const SMALL = 15_000;
const LARGE = 50_000;
/** Spread between a municipality's best and worst area counted as uneven. */
const UNEVEN_SPREAD = 0.15;
/**
 * Gotland is region and municipality at once: its tax rate includes the region's part, so it is
 * not compared with municipal tax rates.
 */
const REGION_MUNICIPALITIES = new Set(['0980']);

/** Materiality thresholds for the method text. */
export const FACT_THRESHOLDS = {
  MATERIAL_POINTS,
  MATERIAL_RELATIVE,
  COST_DEVIATION_LIMIT,
  GROWTH_POINTS,
  TAX_POINTS,
  SMALL,
  LARGE,
  UNEVEN_SPREAD,
};

const fact = (galler: boolean, skal: string, etikett: string): Fact => ({ galler, skal, etikett });
/** The fact `key` with its reason and label from `templates/fraser/fakta.md`. */
const said = (key: string, values: Record<string, string | number> = {}): Fact =>
  fact(true, phrase('fakta', `${key}.skal`, values), phrase('fakta', `${key}.etikett`, values));
const no = (skal: string): Fact => fact(false, skal, '');

/** Computes every fact for one municipality. */
export function computeFacts(ctx: ModelContext, m: Municipality, row: EfficiencyRow): Record<FactName, Fact> {
  const c = ctx.context.get(m.kommunkod)!;
  const n = ctx.input.table.length;
  const groupMedian = ctx.shared.groupMedian(m.kommungruppKod);
  const perInhabitant = row.potentialKr / m.invanare;
  const areaScores = AREAS.filter((area) => row.areas[area].effektivitet !== null).map((area) => ({
    area,
    value: row.areas[area].effektivitet!,
  }));
  const spread =
    areaScores.length > 1
      ? Math.max(...areaScores.map((a) => a.value)) - Math.min(...areaScores.map((a) => a.value))
      : 0;
  const deviations = Object.entries(c.costDeviation).filter((entry): entry is [string, number] => entry[1] !== null);
  const worstDeviation = deviations.sort((a, b) => b[1] - a[1])[0];
  const missing = AREAS.filter((area) => row.areas[area].effektivitet === null).map((area) =>
    AREA_NAMES[area].toLowerCase(),
  );
  const name = m.kommun;
  const top = Math.ceil(n * TOP_SHARE);
  const bottom = Math.floor(n * BOTTOM_SHARE);
  const nationalPerInh = ctx.national.potentialPerInhabitant;

  const best = [...areaScores].sort((a, b) => b.value - a.value)[0];
  const worst = [...areaScores].sort((a, b) => a.value - b.value)[0];

  return {
    blandDeBasta: row.rang <= top ? said('blandDeBasta', { namn: name, rang: row.rang, antal: n }) : no(''),
    langtNer: row.rang > bottom ? said('langtNer', { namn: name, rang: row.rang, antal: n }) : no(''),
    underGruppMedian:
      row.effektivitet < groupMedian - MATERIAL_POINTS
        ? said('underGruppMedian', {
            namnGenitiv: genitive(name),
            egen: formatPercent(row.effektivitet),
            skillnad: formatPoints(groupMedian - row.effektivitet),
            median: formatPercent(groupMedian),
          })
        : no(''),
    hogPotentialPerInvanare:
      perInhabitant > nationalPerInh * (1 + MATERIAL_RELATIVE)
        ? said('hogPotentialPerInvanare', {
            egen: formatAmountRounded(perInhabitant),
            median: formatAmountRounded(nationalPerInh),
          })
        : no(''),
    grundskolaUnderMedian: areaFact(ctx, m, row, 'grundskola'),
    gymnasieskolaUnderMedian: areaFact(ctx, m, row, 'gymnasieskola'),
    aldreomsorgUnderMedian: areaFact(ctx, m, row, 'aldreomsorg'),
    bibliotekUnderMedian: areaFact(ctx, m, row, 'bibliotek'),
    hogKostnadsavvikelse:
      worstDeviation && worstDeviation[1] > COST_DEVIATION_LIMIT
        ? deviationFact(worstDeviation[0], {
            ar: ctx.year,
            iNamn: inPlace(name),
            avvikelse: formatNumber(worstDeviation[1], 0),
          })
        : no(''),
    snabbKostnadsokning:
      c.netCostGrowth !== null && c.netCostGrowth > ctx.national.netCostGrowth + GROWTH_POINTS
        ? said('snabbKostnadsokning', {
            egen: formatPercent(c.netCostGrowth),
            a0: ctx.year - 4,
            a1: ctx.year,
            median: formatPercent(ctx.national.netCostGrowth),
          })
        : no(''),
    hogSkattesats:
      c.taxRate !== null && !REGION_MUNICIPALITIES.has(m.kommunkod) && c.taxRate > ctx.national.taxRate + TAX_POINTS
        ? said('hogSkattesats', {
            ar: ctx.year,
            egen: formatNumber(c.taxRate, 2),
            median: formatNumber(ctx.national.taxRate, 2),
          })
        : no(''),
    litenKommun:
      m.invanare < SMALL
        ? said('litenKommun', { invanare: formatNumber(roundSignificant2(m.invanare)), namn: name })
        : no(''),
    storKommun:
      m.invanare >= LARGE
        ? said('storKommun', { invanare: formatNumber(roundSignificant2(m.invanare)), namn: name })
        : no(''),
    aldrandeBefolkning:
      c.aged80Share !== null && c.aged80Share > ctx.national.aged80Share * (1 + MATERIAL_RELATIVE)
        ? said('aldrandeBefolkning', {
            INamn: inPlace(name, true),
            egen: formatPercent(c.aged80Share, 1),
            median: formatPercent(ctx.national.aged80Share, 1),
          })
        : no(''),
    saknarOmraden: missing.length > 0 ? said('saknarOmraden', { omraden: joinSv(missing) }) : no(''),
    ojamnMellanOmraden:
      spread >= UNEVEN_SPREAD && best && worst
        ? said('ojamnMellanOmraden', {
            bast: AREA_NAMES[best.area].toLowerCase(),
            bastVarde: formatPercent(best.value),
            samst: AREA_NAMES[worst.area].toLowerCase(),
            samstVarde: formatPercent(worst.value),
            skillnad: formatPoints(spread),
          })
        : no(''),
    ...historyFacts(ctx.input.history, m.kommunkod),
    ...computeThemeFacts(ctx, m, row),
  };
}

/** Population to two significant digits from 10 000 (a finding, not a census). */
function roundSignificant2(value: number): number {
  if (value < 10_000) return Math.round(value / 100) * 100;
  const scale = 10 ** (Math.floor(Math.log10(value)) - 1);
  return Math.round(value / scale) * scale;
}

/** The cost-deviation fact, naming the activity of Kolada's cost-deviation KPI `code`. */
function deviationFact(code: string, values: Record<string, string | number>): Fact {
  const named = `hogKostnadsavvikelse.verksamhet.${code}`;
  const known = hasPhrase('fakta', named);
  const activity = (form: 'skal' | 'etikett') =>
    phrase('fakta', known ? named : `hogKostnadsavvikelse.verksamhet.okand.${form}`);
  return fact(
    true,
    phrase('fakta', 'hogKostnadsavvikelse.skal', { ...values, verksamhet: activity('skal') }),
    phrase('fakta', 'hogKostnadsavvikelse.etikett', { verksamhet: activity('etikett') }),
  );
}

/** "Area materially below the group median", with the cost per unit against the group's when known. */
function areaFact(ctx: ModelContext, m: Municipality, row: EfficiencyRow, area: Area): Fact {
  const own = row.areas[area].effektivitet;
  if (own === null) return no('');
  const groupMedian = ctx.shared.groupAreaMedian(m.kommungruppKod, area);
  if (!(own < groupMedian - MATERIAL_POINTS)) return no('');
  const definite = AREA_DEFINITE[area];
  let text = phrase('fakta', 'omradeUnderMedian.skal', {
    omrade: definite,
    egen: formatPercent(own),
    skillnad: formatPoints(groupMedian - own),
    median: formatPercent(groupMedian),
  });
  const cost = (code: string) => ctx.input.keyFigures.get(code)?.[area]?.find((figure) => figure.role === 'input');
  const ownCost = cost(row.kommunkod);
  const groupCost = ctx.shared.groupCostMedian(m.kommungruppKod, area);
  if (ownCost?.value && Number.isFinite(groupCost) && groupCost > 0) {
    const diff = ownCost.value / groupCost - 1;
    if (diff >= MATERIAL_RELATIVE)
      text += ` ${phrase('fakta', 'omradeUnderMedian.hogreKostnad', { enhet: unitPhrase(ownCost.unit), skillnad: formatPercent(diff) })}`;
    else if (diff <= -MATERIAL_RELATIVE)
      text += ` ${phrase('fakta', 'omradeUnderMedian.lagreKostnad', { enhet: unitPhrase(ownCost.unit), skillnad: formatPercent(-diff) })}`;
  }
  return fact(true, text, phrase('fakta', 'omradeUnderMedian.etikett', { omrade: definite }));
}

/** `kr/elev` → `per elev`; the unit of a cost key figure as a phrase. */
export function unitPhrase(unit: string): string {
  return phrase('enheter', 'per', { enhet: unitNoun(unit.replace(/^kr\//, '').trim(), 'singular') });
}

/**
 * The noun of a cost key figure's unit (`elev`, `inv 65+`; Kolada's unit without `kr/`) in the
 * singular or plural, from `templates/fraser/enheter.md`; the unit itself when the file has none.
 */
export function unitNoun(unit: string, form: 'singular' | 'plural'): string {
  const key = `${unit.replace(/\s+/g, '-')}.${form}`;
  return hasPhrase('enheter', key) ? phrase('enheter', key) : unit;
}
