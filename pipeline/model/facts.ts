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
    blandDeBasta:
      row.rang <= top
        ? fact(
            true,
            `${name} ligger på plats ${row.rang} av ${n} och hör därmed till den bästa tiondelen i landet.`,
            'ni hör till den bästa tiondelen i landet',
          )
        : no(''),
    langtNer:
      row.rang > bottom
        ? fact(
            true,
            `${name} ligger på plats ${row.rang} av ${n}, i den nedre tredjedelen av landet.`,
            'ni ligger i den nedre tredjedelen av landet',
          )
        : no(''),
    underGruppMedian:
      row.effektivitet < groupMedian - MATERIAL_POINTS
        ? fact(
            true,
            `${genitive(name)} sammanvägda effektivitet, ${formatPercent(row.effektivitet)}, ligger ${formatPoints(groupMedian - row.effektivitet)} under kommungruppens median (${formatPercent(groupMedian)}).`,
            'er effektivitet ligger under kommungruppens median',
          )
        : no(''),
    hogPotentialPerInvanare:
      perInhabitant > nationalPerInh * (1 + MATERIAL_RELATIVE)
        ? fact(
            true,
            `Potentialen motsvarar omkring ${formatAmountRounded(perInhabitant)} per invånare, mot omkring ${formatAmountRounded(nationalPerInh)} i landets median.`,
            'potentialen per invånare är större än i landets median',
          )
        : no(''),
    grundskolaUnderMedian: areaFact(ctx, m, row, 'grundskola'),
    gymnasieskolaUnderMedian: areaFact(ctx, m, row, 'gymnasieskola'),
    aldreomsorgUnderMedian: areaFact(ctx, m, row, 'aldreomsorg'),
    bibliotekUnderMedian: areaFact(ctx, m, row, 'bibliotek'),
    hogKostnadsavvikelse:
      worstDeviation && worstDeviation[1] > COST_DEVIATION_LIMIT
        ? fact(
            true,
            `Enligt Koladas kostnadsavvikelse för ${ctx.year} kostar ${DEVIATION_NAMES[worstDeviation[0]] ?? 'verksamheten'} ${inPlace(name)} ${formatNumber(worstDeviation[1], 0)} % mer än vad kommunens struktur motiverar.`,
            `${DEVIATION_NAMES[worstDeviation[0]] ?? 'en verksamhet'} kostar mer än strukturen motiverar`,
          )
        : no(''),
    snabbKostnadsokning:
      c.netCostGrowth !== null && c.netCostGrowth > ctx.national.netCostGrowth + GROWTH_POINTS
        ? fact(
            true,
            `Nettokostnaden per invånare ökade med ${formatPercent(c.netCostGrowth)} ${ctx.year - 4}–${ctx.year}, mot ${formatPercent(ctx.national.netCostGrowth)} i landets median.`,
            'kostnaderna har ökat snabbare än i landet',
          )
        : no(''),
    hogSkattesats:
      c.taxRate !== null && !REGION_MUNICIPALITIES.has(m.kommunkod) && c.taxRate > ctx.national.taxRate + TAX_POINTS
        ? fact(
            true,
            `Den kommunala skattesatsen ${ctx.year} var ${formatNumber(c.taxRate, 2)} %, mot ${formatNumber(ctx.national.taxRate, 2)} % i landets median.`,
            'skattesatsen är hög',
          )
        : no(''),
    litenKommun:
      m.invanare < SMALL
        ? fact(
            true,
            `Med ${formatNumber(roundSignificant2(m.invanare))} invånare är ${name} en liten kommun.`,
            'kommunen är liten',
          )
        : no(''),
    storKommun:
      m.invanare >= LARGE
        ? fact(
            true,
            `Med ${formatNumber(roundSignificant2(m.invanare))} invånare är ${name} en stor kommun.`,
            'kommunen är stor',
          )
        : no(''),
    aldrandeBefolkning:
      c.aged80Share !== null && c.aged80Share > ctx.national.aged80Share * (1 + MATERIAL_RELATIVE)
        ? fact(
            true,
            `${inPlace(name, true)} är ${formatPercent(c.aged80Share, 1)} av invånarna 80 år eller äldre, mot ${formatPercent(ctx.national.aged80Share, 1)} i landets median.`,
            'andelen invånare över 80 år är hög',
          )
        : no(''),
    saknarOmraden:
      missing.length > 0
        ? fact(
            true,
            `Underlag saknas för ${joinSv(missing)}, som därför inte ingår i sammanvägningen.`,
            `underlag saknas för ${joinSv(missing)}`,
          )
        : no(''),
    ojamnMellanOmraden:
      spread >= UNEVEN_SPREAD && best && worst
        ? fact(
            true,
            `Skillnaden mellan det mest effektiva området (${AREA_NAMES[best.area].toLowerCase()}, ${formatPercent(best.value)}) och det minst effektiva (${AREA_NAMES[worst.area].toLowerCase()}, ${formatPercent(worst.value)}) är ${formatPoints(spread)}.`,
            'områdena skiljer sig mycket åt',
          )
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

const DEVIATION_NAMES: Record<string, string> = {
  N15001: 'grundskolan',
  N17001: 'gymnasieskolan',
  N20900: 'äldreomsorgen',
};

/** "Area materially below the group median", with the cost per unit against the group's when known. */
function areaFact(ctx: ModelContext, m: Municipality, row: EfficiencyRow, area: Area): Fact {
  const own = row.areas[area].effektivitet;
  if (own === null) return no('');
  const groupMedian = ctx.shared.groupAreaMedian(m.kommungruppKod, area);
  if (!(own < groupMedian - MATERIAL_POINTS)) return no('');
  const definite = AREA_DEFINITE[area];
  let text = `I ${definite} är effektiviteten ${formatPercent(own)}, ${formatPoints(groupMedian - own)} under kommungruppens median (${formatPercent(groupMedian)}).`;
  const cost = (code: string) => ctx.input.keyFigures.get(code)?.[area]?.find((figure) => figure.role === 'input');
  const ownCost = cost(row.kommunkod);
  const groupCost = ctx.shared.groupCostMedian(m.kommungruppKod, area);
  if (ownCost?.value && Number.isFinite(groupCost) && groupCost > 0) {
    const diff = ownCost.value / groupCost - 1;
    if (diff >= MATERIAL_RELATIVE)
      text += ` Kostnaden ${unitPhrase(ownCost.unit)} är ${formatPercent(diff)} högre än gruppens median.`;
    else if (diff <= -MATERIAL_RELATIVE)
      text += ` Kostnaden ${unitPhrase(ownCost.unit)} är ${formatPercent(-diff)} lägre än gruppens median, så skillnaden ligger främst i resultaten.`;
  }
  return fact(true, text, `${definite} ligger under gruppens median`);
}

/** `kr/elev` → `per elev`; the unit of a cost key figure as a phrase. */
export function unitPhrase(unit: string): string {
  return `per ${UNIT_NOUNS[unit.replace(/^kr\//, '').trim()]?.[0] ?? unit.replace(/^kr\//, '')}`;
}

/** Singular and plural of the units cost key figures are given per. */
export const UNIT_NOUNS: Record<string, [string, string]> = {
  elev: ['elev', 'elever'],
  'inv 65+': ['invånare 65 år och äldre', 'invånare 65 år och äldre'],
  inv: ['invånare', 'invånare'],
  brukare: ['brukare', 'brukare'],
  besök: ['besök', 'besök'],
  lån: ['lån', 'lån'],
};
