/**
 * The view model of the chapter "Utveckling över tid" (issues 13 and 20): the composite per year
 * on the common (pooled) frontier, over the areas the municipality has in the latest year, against
 * the kommungrupp median; the Malmquist reading; unit costs against the 1 % path. Pure; every
 * sentence is derived from the panel's rows for this municipality. A change is called a change
 * only beyond its noise, and only years built from the same areas are compared.
 */
import { formatKr, formatNumber, formatPercent } from '../format/index.ts';
import type { MalmquistRow, PanelResult, UnitCostRow } from '../analyse/panel/types.ts';
import { AREA_DEFINITE, AREA_NAMES, AREAS, type Area, type Municipality } from '../load/types.ts';
import { historyTrend, NOISE_CORRELATION, signedChange } from './history-facts.ts';
import { median } from '../stats/index.ts';
import { plainTitle } from './model-context.ts';
import { unitNoun } from './facts.ts';
import { stabilityText } from './stability-words.ts';
import { phrase } from './phrases.ts';
import type { HistoryView, HistoryYearView, MalmquistView, UnitCostView } from './types.ts';

/** Below this (as a share) a Malmquist change or a unit-cost difference counts as no change. */
const FLAT = 0.005;
const MISSING = phrase('ord', 'saknas');
const say = (key: string, values: Record<string, string | number> = {}) => phrase('historik', key, values);

/** Builds the chapter's view for `m`; `groupCodes` are the kommunkoder of its kommungrupp. */
export function buildHistoryView(panel: PanelResult, m: Municipality, groupCodes: ReadonlySet<string>): HistoryView {
  const trend = historyTrend(panel, m.kommunkod);
  const own = new Map(panel.history.filter((r) => r.kommunkod === m.kommunkod).map((r) => [r.ar, r]));
  const missingByYear = new Map<number, Area[]>();
  for (const gap of panel.missingAreas) missingByYear.set(gap.ar, [...(missingByYear.get(gap.ar) ?? []), gap.omrade]);
  const years = panel.years.map((ar): HistoryYearView => {
    // Each municipality's like-for-like composite on the common frontier (its latest year's areas).
    const inYear = panel.history.filter((r) => r.ar === ar && r.effektivitetGemensam !== null);
    const groupMedian = median(inYear.filter((r) => groupCodes.has(r.kommunkod)).map((r) => r.effektivitetGemensam!));
    const nationalMedian = median(inYear.map((r) => r.effektivitetGemensam!));
    const row = own.get(ar);
    const missingAreas = missingByYear.get(ar) ?? [];
    const notComparable = !!row && row.effektivitet !== null && row.effektivitetGemensam === null;
    const without = missingAreas.length
      ? say('utanOmraden', {
          omraden: missingAreas.map((a) => AREA_NAMES[a].toLowerCase()).join(` ${phrase('ord', 'och')} `),
        })
      : '';
    const notes = [
      ...(without ? [say('anmarkning.utanOmraden', { utan: without })] : []),
      ...(row?.effektivitet === null || !row ? [say('anmarkning.saknasForEr')] : []),
      ...(notComparable ? [say('anmarkning.andraOmraden', { ar: panel.latest })] : []),
    ];
    const value = row?.effektivitetGemensam ?? null;
    return {
      ar,
      effektivitet: value,
      effektivitetText: value === null ? '–' : formatPercent(value),
      // The rank against each year's own frontier (DEA, before bias correction): kept for the
      // stability words, not shown in the chapter's table, whose levels are on the common frontier.
      rang: row?.rang ?? null,
      antal: row?.antal ?? null,
      rangText: row?.rang ? phrase('ord', 'avAntal', { rang: row.rang, antal: row.antal ?? '' }) : MISSING,
      rangKortText: row?.rang ? String(row.rang) : '–',
      gruppMedian: Number.isFinite(groupMedian) ? groupMedian : null,
      gruppMedianText: Number.isFinite(groupMedian) ? formatPercent(groupMedian) : MISSING,
      rikeMedian: Number.isFinite(nationalMedian) ? nationalMedian : null,
      anmarkning: notes.join('; '),
      diagramNot: without,
    };
  });
  const gaps = [
    ...panel.leftOutYears.map((y) => say('lucka.helaAret', { ar: y.ar })),
    ...panel.missingAreas.map((g) => say('lucka.omrade', { ar: g.ar, omrade: AREA_NAMES[g.omrade].toLowerCase() })),
    ...panel.years
      .filter((ar) => !own.get(ar) || own.get(ar)!.effektivitet === null)
      .map((ar) => say('lucka.kommun', { ar, namn: m.kommun })),
    ...panel.years
      .filter((ar) => own.get(ar)?.effektivitet != null && own.get(ar)!.effektivitetGemensam === null)
      .map((ar) => say('lucka.andraOmraden', { ar, namn: m.kommun, senaste: panel.latest })),
  ];
  const malmquist = AREAS.flatMap((area) => malmquistView(panel, m.kommunkod, area));
  const costs = AREAS.flatMap((area) =>
    unitCostView(
      panel.unitCosts.filter((r) => r.kommunkod === m.kommunkod && r.omrade === area),
      area,
    ),
  );
  const rho = trend.rho;
  return {
    forstaAr: panel.years[0]!,
    sistaAr: panel.latest,
    ar: years,
    riktning: trend.direction,
    trendText: trend.skal,
    brus: trend.noise,
    visaRang: false,
    rangkorrelationText:
      rho === null
        ? say('rangkorrelation.okand')
        : trend.noise
          ? say('rangkorrelation.brus', { rho: formatNumber(rho, 2), grans: formatNumber(NOISE_CORRELATION, 1) })
          : stabilityText(panel, m.kommunkod, m.kommun, rho),
    luckorText: gaps.length ? say('luckor', { luckor: gaps.join('; ') }) : '',
    harMalmquist: malmquist.length > 0,
    malmquist,
    malmquistMetodText: say(`malmquist.metod.${panel.deflator}`),
    harEnhetskostnader: costs.length > 0,
    enhetskostnader: costs,
  };
}

/** Signed percent with a real minus sign: `+6 %`, `−2 %`. */
function signedPercent(share: number, decimals = 0): string {
  const text = formatPercent(Math.abs(share), decimals);
  if (Math.round(Math.abs(share) * 100 * 10 ** decimals) === 0) return text;
  return `${share < 0 ? '−' : '+'}${text}`;
}

/**
 * The Malmquist reading in plain Swedish, with the change split additively on the log scale:
 * EC's share ln EC / ln M of the percentage change is "catching up", the rest "frontier shift".
 */
export function malmquistSentence(
  row: Pick<
    MalmquistRow,
    'malmquist' | 'effektivitetsforandring' | 'tekniskForandring' | 'franAr' | 'tillAr' | 'omrade' | 'utanforBrus'
  >,
): string {
  const period = say('malmquist.period', { fran: row.franAr, till: row.tillAr });
  const omrade = AREA_DEFINITE[row.omrade];
  const { total, ec, tc } = malmquistParts(row);
  if (total === 0) return say('malmquist.oforandrad', { omrade, period });
  // A change within its noise is not called one.
  if (!row.utanforBrus) return say('malmquist.inomBrus', { omrade, period, forandring: signedChange(row.malmquist) });
  const part = (points: number, up: string, down: string) =>
    say(Math.abs(points) === 1 ? 'malmquist.procentenhet' : 'malmquist.procentenheter', {
      antal: Math.abs(points),
      orsak: say(points >= 0 ? up : down),
    });
  return say(total > 0 ? 'malmquist.okade' : 'malmquist.minskade', {
    omrade,
    forandring: formatPercent(Math.abs(total) / 100),
    period,
    narmat: part(ec, 'malmquist.narmat', 'malmquist.halkat'),
    basta: part(tc, 'malmquist.bastaBattre', 'malmquist.bastaSamre'),
  });
}

/**
 * The change in whole percent (0 when flat) split into points for catching up (EC) and for the
 * frontier shift (TC), additively on the log scale.
 */
function malmquistParts(row: Pick<MalmquistRow, 'malmquist' | 'effektivitetsforandring'>): {
  total: number;
  ec: number;
  tc: number;
} {
  const total = Math.round((row.malmquist - 1) * 100);
  if (Math.abs(row.malmquist - 1) < FLAT || total === 0) return { total: 0, ec: 0, tc: 0 };
  const ec = Math.round(total * (Math.log(row.effektivitetsforandring) / Math.log(row.malmquist)));
  return { total, ec, tc: total - ec };
}

const signedPoints = (points: number) => (points === 0 ? '0' : `${points > 0 ? '+' : '−'}${Math.abs(points)}`);

function malmquistView(panel: PanelResult, kommunkod: string, area: Area): MalmquistView[] {
  const rows = panel.malmquist
    .filter((r) => r.kommunkod === kommunkod && r.omrade === area)
    .sort((a, b) => a.franAr - b.franAr);
  if (!rows.length) return [];
  const long = rows[0]!;
  const recent = rows.at(-1)!;
  const split = malmquistParts(long);
  const cell = (r: MalmquistRow | undefined) =>
    r
      ? say(r.utanforBrus ? 'malmquist.cell' : 'malmquist.cell.inomBrus', {
          forandring: signedPercent(r.malmquist - 1),
          fran: r.franAr,
          till: r.tillAr,
        })
      : MISSING;
  return [
    {
      omrade: area,
      namn: AREA_NAMES[area],
      text: malmquistSentence(long),
      langsiktigText: cell(long.franAr === panel.years[0] ? long : undefined),
      // With one comparison only, the first year is also the previous year with data.
      senasteText: cell(recent),
      narmatText: signedPoints(split.ec),
      bastaText: signedPoints(split.tc),
      langsiktigUtanforBrus: long.franAr === panel.years[0] && long.utanforBrus,
      senasteUtanforBrus: recent.utanforBrus,
    },
  ];
}

function unitCostView(rows: UnitCostRow[], area: Area): UnitCostView[] {
  if (rows.length < 2) return [];
  const first = rows[0]!;
  const last = rows.at(-1)!;
  const n = last.ar - first.ar;
  const yearly = (a: number, b: number) => (b / a) ** (1 / n) - 1;
  const own = yearly(first.kostnad, last.kostnad);
  const groupChange = yearly(first.gruppMedian, last.gruppMedian);
  const national = yearly(first.rikeMedian, last.rikeMedian);
  const relative = (r: number) =>
    Math.abs(r - 1) < FLAT
      ? say('kostnad.iNiva')
      : say(r > 1 ? 'kostnad.over' : 'kostnad.under', { skillnad: formatPercent(Math.abs(r - 1)) });
  const gap = last.relativ / last.ettProcentBana - 1;
  const verdict =
    Math.abs(gap) < FLAT
      ? say('kostnad.banan')
      : gap < 0
        ? say('kostnad.underBanan', { skillnad: formatPercent(-gap) })
        : say('kostnad.overBanan', { skillnad: formatPercent(gap) });
  // `kr/inv 65+` → `per invånare 65+`: Kolada's unit, its abbreviation written out.
  const unit = first.enhet.startsWith('kr/')
    ? say('kostnad.enhet', { enhet: first.enhet.slice(3).replace('inv', unitNoun('inv', 'singular')) })
    : first.enhet.replace('inv', unitNoun('inv', 'singular'));
  return [
    {
      omrade: area,
      namn: AREA_NAMES[area],
      titel: plainTitle(first.titel),
      forstaAr: first.ar,
      sistaAr: last.ar,
      forstaText: formatKr(first.kostnad),
      sistaText: formatKr(last.kostnad),
      egenForandringText: signedPercent(own, 1),
      gruppForandringText: signedPercent(groupChange, 1),
      rikeForandringText: signedPercent(national, 1),
      relativForstaText: relative(first.relativ),
      relativSistaText: relative(last.relativ),
      bana: relative(last.ettProcentBana),
      banaAvvikelseText: Math.abs(gap) < FLAT ? '±0 %' : signedPercent(gap),
      text: say('kostnad.text', {
        omrade: AREA_NAMES[area],
        enhet: unit,
        forstaAr: first.ar,
        forsta: relative(first.relativ),
        sistaAr: last.ar,
        sista: relative(last.relativ),
        bana: relative(last.ettProcentBana),
        utfall: verdict,
      }),
    },
  ];
}
