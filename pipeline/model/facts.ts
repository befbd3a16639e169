/**
 * The named facts templates branch on, each with the reason in plain Swedish and the figures
 * behind it. Thresholds are stated here, once, and in the report's method text.
 */
import { formatKr, formatNumber, formatPercent } from '../format/index.ts';
import { AREA_NAMES, AREAS, type Area, type EfficiencyRow, type Municipality } from '../load/types.ts';
import { areaValues, type ModelContext } from './model-context.ts';
import { median } from './stats.ts';
import type { Fact, FactName } from './types.ts';
import { historyFacts } from './history-facts.ts';

/** Top share of the country counted as "among the best". */
const TOP_SHARE = 0.1;
/** Kolada's cost deviation above this (%) counts as spending more than the structure explains. */
const COST_DEVIATION_LIMIT = 5;
const SMALL = 15_000;
const LARGE = 50_000;
/** Spread between a municipality's best and worst area counted as uneven. */
const UNEVEN_SPREAD = 0.15;

const fact = (galler: boolean, skal: string): Fact => ({ galler, skal });

/** Computes every fact for one municipality. */
export function computeFacts(ctx: ModelContext, m: Municipality, row: EfficiencyRow): Record<FactName, Fact> {
  const group = ctx.groupMembers.get(m.kommungruppKod) ?? [];
  const c = ctx.context.get(m.kommunkod)!;
  const n = ctx.input.table.length;
  const groupMedian = ctx.memo(`median:${m.kommungruppKod}`, () => median(group.map((r) => r.effektivitet)));
  const perInhabitant = row.potentialKr / m.invanare;
  const areas = AREAS.map((area) => row.areas[area].effektivitet).filter((v): v is number => v !== null);
  const spread = areas.length > 1 ? Math.max(...areas) - Math.min(...areas) : 0;
  const deviations = Object.entries(c.costDeviation).filter((entry): entry is [string, number] => entry[1] !== null);
  const worstDeviation = deviations.sort((a, b) => b[1] - a[1])[0];
  const missing = AREAS.filter((area) => row.areas[area].effektivitet === null).map((area) => AREA_NAMES[area].toLowerCase());
  const groupText = `kommungruppen ${m.kommungrupp}`;

  return {
    blandDeBasta: fact(
      row.rang <= Math.ceil(n * TOP_SHARE),
      `Ni är på plats ${row.rang} av ${n}; de ${Math.ceil(n * TOP_SHARE)} främsta är den bästa tiondelen.`,
    ),
    underGruppMedian: fact(
      row.effektivitet < groupMedian - 1e-9,
      `Er sammanvägda effektivitet är ${formatPercent(row.effektivitet)} och medianen i ${groupText} är ${formatPercent(groupMedian)}.`,
    ),
    hogPotentialPerInvanare: fact(
      perInhabitant > ctx.national.potentialPerInhabitant,
      `Er potential är ${formatKr(perInhabitant)} per invånare mot ${formatKr(ctx.national.potentialPerInhabitant)} i mediankommunen.`,
    ),
    grundskolaUnderMedian: areaFact(ctx, m, row, group, 'grundskola'),
    gymnasieskolaUnderMedian: areaFact(ctx, m, row, group, 'gymnasieskola'),
    aldreomsorgUnderMedian: areaFact(ctx, m, row, group, 'aldreomsorg'),
    bibliotekUnderMedian: areaFact(ctx, m, row, group, 'bibliotek'),
    hogKostnadsavvikelse: worstDeviation
      ? fact(
          worstDeviation[1] > COST_DEVIATION_LIMIT,
          `Koladas nettokostnadsavvikelse är som högst ${formatNumber(worstDeviation[1], 1)} % (${DEVIATION_NAMES[worstDeviation[0]] ?? worstDeviation[0]}, ${ctx.year}): ${worstDeviation[1] > 0 ? 'ni kostar mer' : 'ni kostar mindre'} än er struktur förklarar.`,
        )
      : fact(false, 'Koladas nettokostnadsavvikelse saknas för er.'),
    snabbKostnadsokning:
      c.netCostGrowth === null
        ? fact(false, 'Nettokostnaden per invånare saknas för jämförelsen.')
        : fact(
            c.netCostGrowth > ctx.national.netCostGrowth,
            `Er nettokostnad per invånare ökade med ${formatPercent(c.netCostGrowth, 1)} ${ctx.year - 4}–${ctx.year}, mot ${formatPercent(ctx.national.netCostGrowth, 1)} i mediankommunen.`,
          ),
    hogSkattesats:
      c.taxRate === null
        ? fact(false, 'Skattesatsen saknas.')
        : fact(c.taxRate > ctx.national.taxRate, `Er kommunala skattesats ${ctx.year} är ${formatNumber(c.taxRate, 2)} % mot ${formatNumber(ctx.national.taxRate, 2)} % i mediankommunen.`),
    litenKommun: fact(m.invanare < SMALL, `Ni har ${formatNumber(m.invanare)} invånare; under ${formatNumber(SMALL)} räknas här som en liten kommun.`),
    storKommun: fact(m.invanare >= LARGE, `Ni har ${formatNumber(m.invanare)} invånare; från ${formatNumber(LARGE)} räknas här som en stor kommun.`),
    aldrandeBefolkning:
      c.aged80Share === null
        ? fact(false, 'Andelen invånare över 80 år saknas.')
        : fact(
            c.aged80Share > ctx.national.aged80Share,
            `${formatPercent(c.aged80Share, 1)} av era invånare är 80 år eller äldre, mot ${formatPercent(ctx.national.aged80Share, 1)} i mediankommunen.`,
          ),
    saknarOmraden: fact(
      missing.length > 0,
      missing.length > 0 ? `Underlag saknas för ${missing.join(' och ')}, som därför inte ingår i er sammanvägning.` : 'Alla fyra områden har underlag.',
    ),
    ojamnMellanOmraden: fact(
      spread >= UNEVEN_SPREAD,
      `Skillnaden mellan ert mest och minst effektiva område är ${formatNumber(spread * 100)} procentenheter.`,
    ),
    ...historyFacts(ctx.input.history, m.kommunkod),
  };
}

const DEVIATION_NAMES: Record<string, string> = { N15001: 'grundskola', N17001: 'gymnasieskola', N20900: 'äldreomsorg' };

/** "Area below the group median", with the area's cost key figure against the group's when known. */
function areaFact(ctx: ModelContext, m: Municipality, row: EfficiencyRow, group: EfficiencyRow[], area: Area): Fact {
  const own = row.areas[area].effektivitet;
  const name = AREA_NAMES[area].toLowerCase();
  if (own === null) return fact(false, `Underlag för ${name} saknas.`);
  const groupMedian = ctx.memo(`median:${m.kommungruppKod}:${area}`, () => median(areaValues(group, area)));
  let text = `I ${name} är er effektivitet ${formatPercent(own)} mot ${formatPercent(groupMedian)} i gruppens mediankommun.`;
  const cost = (code: string) => ctx.input.keyFigures.get(code)?.[area]?.find((figure) => figure.role === 'input');
  const ownCost = cost(row.kommunkod);
  const groupCost = ctx.memo(`cost-median:${m.kommungruppKod}:${area}`, () => median(group.map((r) => cost(r.kommunkod)?.value)));
  if (ownCost?.value && Number.isFinite(groupCost) && groupCost > 0) {
    const diff = ownCost.value / groupCost - 1;
    const direction = diff >= 0 ? 'över' : 'under';
    text += ` Er ${ownCost.title.toLowerCase()} är ${formatPercent(Math.abs(diff))} ${direction} gruppens median.`;
  }
  return fact(own < groupMedian - 1e-9, text);
}
