/** Efficiency table + master data → the view model of one report. Pure. */
import type { KeyFigure } from '../analyse/types.ts';
import {
  formatAmount,
  formatAmountRounded,
  formatMnkr,
  formatKr,
  formatNumber,
  formatPercent,
  formatPoints,
  formatUnitCost,
  genitive,
  inPlace,
  joinSv,
  lowerFirst,
  roundSignificant,
} from '../format/index.ts';
import { AREA_DEFINITE, AREA_NAMES, AREAS, type Area, type EfficiencyRow, type Municipality } from '../load/types.ts';
import { computeFacts, MATERIAL_RELATIVE, unitNoun, unitPhrase } from './facts.ts';
import { municipalityHeader } from './municipality-header.ts';
import { phrase } from './phrases.ts';
import { plainTitle, type ModelContext } from './model-context.ts';
import { findRoleModels, handbookInGroup } from './role-models.ts';
import { competitionRank } from '../stats/index.ts';
import { pickTopThemes, rankThemes } from './theme-relevance.ts';
import { learnFrom } from './theme-learn.ts';
import {
  areaCountText,
  certainty,
  contextSentences,
  coverageText,
  missingReason,
  onePercent,
  situation,
} from './situation.ts';
import { buildHistoryView } from './build-history-view.ts';
import type { AreaFigure, AreaView, MunicipalityReport } from './types.ts';

const MISSING = phrase('ord', 'saknas');
/** A score without a kronor potential: no comparable municipality, or a stand-in cost base. */
const NOT_COMPUTED = phrase('ord', 'beraknasInte');
const NO_INTERVAL = phrase('ord', 'intervallSaknas');
const NO_FIGURE = phrase('ord', 'uppgiftSaknas');
/** `12 av 290`: a place among a number. */
const placeText = (rang: number, antal: number) => phrase('ord', 'avAntal', { rang, antal });
/** `78–88 %`: an interval of shares, in per cent. */
const percentRange = (lag: number, hog: number) =>
  phrase('ord', 'procentIntervall', { lag: formatNumber(lag * 100), hog: formatNumber(hog * 100) });
/** Difference (share) between adjusted and unadjusted efficiency worth a sentence. */
const ADJUSTMENT_POINTS = 0.02;
/** A gap to the frontier below this share of the cost is not worth a finding. */
const MATERIAL_GAP = 0.02;

/** Builds the view model for `kommunkod`; the context comes from `buildModelContext`. */
export function buildMunicipalityReport(ctx: ModelContext, kommunkod: string): MunicipalityReport {
  const m = ctx.byCode.get(kommunkod);
  const row = ctx.rowByCode.get(kommunkod);
  if (!m || !row) throw new Error(`Internal error: no data for kommunkod ${kommunkod}`);
  const n = ctx.input.table.length;
  const group = ctx.groupMembers.get(m.kommungruppKod) ?? [];
  const groupSorted = ctx.shared.groupByRank(m.kommungruppKod);
  const groupRank = groupSorted.findIndex((r) => r.kommunkod === kommunkod) + 1;
  const best = groupSorted[0]!;
  const cost = AREAS.reduce((sum, area) => sum + (row.areas[area].kostnadKr ?? 0), 0);
  const facts = computeFacts(ctx, m, row);
  const teman = rankThemes(ctx.input.themes, facts);
  const potentialText = potentialRange(row);
  const forebilder = findRoleModels(ctx, m, row);

  return {
    kommun: municipalityHeader(m),
    ar: row.ar,
    preliminar: ctx.input.preliminar ?? false,
    sammanfattning: {
      rang: row.rang,
      antal: n,
      rangText: placeText(row.rang, n),
      gruppRang: groupRank,
      gruppAntal: group.length,
      gruppRangText: phrase('ord', 'avAntalIGrupp', { rang: groupRank, antal: group.length, grupp: m.kommungrupp }),
      ...certainty(m, row, n),
      potentialIntervallText: potentialText,
      harPotentialIntervall: potentialText !== NO_INTERVAL,
      potentialRundText: phrase('ord', 'omkring', { belopp: formatAmountRounded(row.potentialKr) }),
      ...adjustment(ctx, m, row, n),
      antalOmradenText: areaCountText(row),
      tackningText: coverageText(ctx, m, row),
      sammanhang: contextSentences(ctx, m, row, facts),
      saknadeOmraden: AREAS.filter((area) => row.areas[area].effektivitet === null).map((area) => ({
        namn: AREA_NAMES[area],
        text: missingReason(ctx, m, row, area),
      })),
      omradenText: joinSv(
        AREAS.filter((area) => row.areas[area].effektivitet !== null).map((area) => AREA_NAMES[area].toLowerCase()),
      ),
      ojamforbaraText: joinSv(
        AREAS.filter((area) => row.areas[area].ojamforbar === true).map((area) => AREA_NAMES[area].toLowerCase()),
      ),
      effektivitet: row.effektivitet,
      effektivitetText: formatPercent(row.effektivitet),
      effektivitetIntervallText:
        row.effektivitetLag != null && row.effektivitetHog != null
          ? percentRange(row.effektivitetLag, row.effektivitetHog)
          : NO_INTERVAL,
      gruppMedianText: formatPercent(ctx.shared.groupMedian(m.kommungruppKod)),
      gruppBastaNamn: ctx.byCode.get(best.kommunkod)!.kommun,
      arGruppensBasta: best.kommunkod === kommunkod,
      gruppBastaText: formatPercent(best.effektivitet),
      potentialKr: row.potentialKr,
      potentialText: formatAmount(row.potentialKr),
      potentialPerInvanareText: formatAmountRounded(row.potentialKr / m.invanare),
      potentialAndelText: cost > 0 ? formatPercent(row.potentialKr / cost) : MISSING,
      kostnadText: formatAmount(cost),
    },
    omraden: AREAS.map((area) => areaView(ctx, m, row, area)),
    teman,
    toppteman: pickTopThemes(teman, facts),
    larAv: learnFrom(ctx, m, row),
    fakta: facts,
    ettProcent: onePercent(ctx, m, row),
    lage: situation(ctx, m, row),
    forebilder,
    forebilderText: joinSv(forebilder.map((model) => model.namn)),
    handboken: handbookInGroup(ctx, m),
    kommunGenitiv: genitive(m.kommun),
    metodRangordningText: rankingRuleText(ctx),
    metodNyckeltal: AREAS.map((area) => {
      const figures = ctx.input.keyFigures.get(kommunkod)?.[area] ?? [];
      const byRole = (role: 'input' | 'output' | 'structure') =>
        figures.filter((f) => f.role === role).map((f) => `${lowerFirst(plainTitle(f.title))} (${f.kpi})`);
      const parts = [
        byRole('input').length ? phrase('metod', 'nyckeltal.resurs', { nyckeltal: joinSv(byRole('input')) }) : '',
        byRole('output').length ? phrase('metod', 'nyckeltal.resultat', { nyckeltal: joinSv(byRole('output')) }) : '',
        byRole('structure').length
          ? phrase('metod', 'nyckeltal.struktur', { nyckeltal: joinSv(byRole('structure')) })
          : '',
      ].filter(Boolean);
      return { omradesnamn: AREA_NAMES[area], text: parts.join('; ') || phrase('metod', 'nyckeltal.inga') };
    }),
    ...historyParts(ctx, m),
    nyckeltal: AREAS.flatMap((area) =>
      (ctx.input.keyFigures.get(kommunkod)?.[area] ?? []).map((figure) => ({
        omradesnamn: AREA_NAMES[area],
        kpi: figure.kpi,
        titel: plainTitle(figure.title),
        roll: phrase('ord', `roll.${figure.role}`),
        vardeText:
          figure.value === null
            ? MISSING
            : `${formatNumber(figure.value, figure.value < 100 ? 1 : 0)} ${figure.unit}`.trim(),
      })),
    ),
  };
}

function areaView(ctx: ModelContext, m: Municipality, row: EfficiencyRow, area: Area): AreaView {
  const result = row.areas[area];
  const own = result.effektivitet;
  const all = ctx.shared.areaValues(area);
  const inGroup = ctx.shared.groupWithArea(m.kommungruppKod, area);
  const best = ctx.shared.groupBestInArea(m.kommungruppKod, area);
  const potential = result.potentialKr;
  return {
    id: area,
    namn: AREA_NAMES[area],
    harData: own !== null,
    effektivitet: own,
    effektivitetText: own === null ? MISSING : formatPercent(own),
    rangText:
      own === null
        ? MISSING
        : result.ojamforbar === true
          ? phrase('ord', 'ingenJamforbar')
          : placeText(competitionRank(own, all), all.length),
    gruppMedianText: inGroup.length ? formatPercent(ctx.shared.groupAreaMedian(m.kommungruppKod, area)) : MISSING,
    gruppBastaNamn: best ? ctx.byCode.get(best.kommunkod)!.kommun : MISSING,
    gruppBastaText: best ? formatPercent(best.areas[area].effektivitet!) : MISSING,
    kostnadText: result.kostnadKr === null ? MISSING : formatAmount(result.kostnadKr),
    potentialKr: potential,
    potentialText: potential === null ? (own === null ? MISSING : NOT_COMPUTED) : formatMnkr(potential),
    potentialPerInvanareText:
      potential === null ? (own === null ? MISSING : NOT_COMPUTED) : formatKr(potential / m.invanare),
    jamforelse: result.jamforelse
      .filter((peer) => peer.kommunkod !== m.kommunkod)
      .map((peer) => ({
        kommunkod: peer.kommunkod,
        namn: ctx.byCode.get(peer.kommunkod)?.kommun ?? peer.kommunkod,
        viktText: formatPercent(peer.weight),
      })),
    ...areaDetails(ctx, m, row, area),
  };
}

/** Cost per unit, results, peers and targets of one area: the finance director's page. */
function areaDetails(ctx: ModelContext, m: Municipality, row: EfficiencyRow, area: Area) {
  const result = row.areas[area];
  const own = result.effektivitet;
  const figures = (code: string) => ctx.input.keyFigures.get(code)?.[area] ?? [];
  const input = figures(m.kommunkod).find((figure) => figure.role === 'input');
  const outputs = figures(m.kommunkod).filter((figure) => figure.role === 'output');
  const groupMedianOf = (kpi: string) => ctx.shared.keyFigureMedian(m.kommungruppKod, area, kpi);
  const unitKey = input?.unit.replace(/^kr\//, '').trim() ?? '';
  const volume = input?.value && result.kostnadKr ? result.kostnadKr / input.value : null;
  const costMedian = input ? groupMedianOf(input.kpi) : Number.NaN;
  const kostnad =
    input && input.value !== null
      ? {
          titel: plainTitle(input.title),
          egenText: formatUnitCost(input.value),
          gruppMedianText: Number.isFinite(costMedian) ? formatUnitCost(costMedian) : MISSING,
          enhetText: unitPhrase(input.unit),
          skillnadText:
            Number.isFinite(costMedian) && costMedian > 0 ? differenceText(input.value / costMedian - 1) : MISSING,
          volymText: volume
            ? phrase('omrade', 'volym', {
                antal: formatNumber(roundSignificant(volume, 2)),
                enheter: unitNoun(unitKey, 'plural'),
              })
            : MISSING,
        }
      : null;
  const resultat: AreaFigure[] = outputs.map((figure) => {
    const med = groupMedianOf(figure.kpi);
    return {
      titel: plainTitle(figure.title),
      egenText: valueText(figure, figure.value),
      gruppMedianText: Number.isFinite(med) ? valueText(figure, med) : MISSING,
    };
  });
  const peers = result.jamforelse
    .filter((peer) => peer.kommunkod !== m.kommunkod)
    .sort((a, b) => b.weight - a.weight)
    .slice(0, 8);
  const jamforelseRader = peers.map((peer) => {
    const theirs = figures(peer.kommunkod);
    const cost = input ? (theirs.find((f) => f.kpi === input.kpi)?.value ?? null) : null;
    return {
      kommunkod: peer.kommunkod,
      namn: ctx.byCode.get(peer.kommunkod)?.kommun ?? peer.kommunkod,
      viktText: formatPercent(peer.weight),
      kostnadText: cost === null ? MISSING : formatUnitCost(cost),
      resultat: outputs.map((figure) => valueText(figure, theirs.find((f) => f.kpi === figure.kpi)?.value ?? null)),
    };
  });
  const lag = result.effektivitetLag ?? null;
  const hog = result.effektivitetHog ?? null;
  const hasInterval = own !== null && lag !== null && hog !== null && result.kostnadKr !== null;
  const potentialIntervallText = hasInterval
    ? rangeText((1 - Math.min(hog, 1)) * result.kostnadKr!, (1 - lag) * result.kostnadKr!)
    : NO_INTERVAL;
  const ojamforbar = result.ojamforbar === true;
  // On the estimated frontier before bias correction: no observed municipality does better.
  const onFrontier = own !== null && (result.effektivitetDea ?? own) >= 1 - 1e-9;
  const name = m.kommun;
  const definite = AREA_DEFINITE[area];
  const malText =
    own !== null && own < 1 && !onFrontier && input?.value && !ojamforbar
      ? phrase('omrade', 'mal', {
          mal: formatUnitCost(own * input.value),
          enhet: unitPhrase(input.unit),
          egen: formatUnitCost(input.value),
        })
      : '';
  let inledning = '';
  if (own === null) inledning = missingReason(ctx, m, row, area);
  else if (ojamforbar) {
    inledning = phrase('omrade', 'inledning.ojamforbar', { namn: name, omrade: definite });
  } else if (onFrontier) {
    const corrected =
      own < 1 - 1e-9 ? ` ${phrase('omrade', 'inledning.front.korrigerad', { egen: formatPercent(own) })}` : '';
    inledning = `${phrase('omrade', 'inledning.front', { namn: name, omrade: definite })}${corrected}`;
  } else if (own >= 1 - MATERIAL_GAP) {
    const near = { namn: name, omrade: definite, grans: formatPercent(MATERIAL_GAP) };
    inledning =
      result.potentialKr !== null
        ? phrase('omrade', 'inledning.nara.belopp', { ...near, belopp: formatAmountRounded(result.potentialKr) })
        : phrase('omrade', 'inledning.nara', near);
  } else {
    // The target sentence already names the own cost: then only where it lies is added.
    const cost = !kostnad
      ? ''
      : malText
        ? ` ${phrase('omrade', 'inledning.kostnad.lage', { enhet: kostnad.enhetText, skillnad: kostnad.skillnadText })}`
        : ` ${phrase('omrade', 'inledning.kostnad', { egen: kostnad.egenText, enhet: kostnad.enhetText, skillnad: kostnad.skillnadText })}`;
    const amount =
      result.potentialKr !== null
        ? ` ${phrase('omrade', hasInterval ? 'inledning.belopp.intervall' : 'inledning.belopp', {
            namnGenitiv: genitive(name),
            belopp: formatAmountRounded(result.potentialKr),
            intervall: potentialIntervallText,
          })}`
        : '';
    const target = malText || phrase('omrade', 'inledning.potential.utanMal');
    inledning = `${phrase('omrade', 'inledning.potential', { omrade: definite, namn: name, mal: target })}${amount}${cost}`;
  }
  const jamforelseText =
    own === null || ojamforbar || onFrontier || jamforelseRader.length === 0
      ? ''
      : jamforelseRader.length === 1
        ? phrase('omrade', 'jamforelse.en', { namn: jamforelseRader[0]!.namn, kommunGenitiv: genitive(name) })
        : phrase('omrade', 'jamforelse.flera', {
            namn: joinSv(jamforelseRader.map((peer) => peer.namn)),
            kommunGenitiv: genitive(name),
          });
  return {
    kostnad,
    resultat,
    jamforelseRader,
    malText,
    potentialIntervallText,
    effektivitetIntervallText: own !== null && lag !== null && hog !== null ? percentRange(lag, hog) : NO_INTERVAL,
    ojusteradText: result.effektivitetOjusterad == null ? NO_FIGURE : formatPercent(result.effektivitetOjusterad),
    ojamforbar,
    kostnadsbasProxy: own !== null && !ojamforbar && result.potentialKr === null && result.kostnadKr !== null,
    inledning,
    jamforelseText,
  };
}

/** A key figure's value with its unit for a table cell: `93 %`, `231,4`. */
function valueText(figure: KeyFigure, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return MISSING;
  if (figure.unit === '%') return `${formatNumber(value)}\u00a0%`;
  if (figure.unit.startsWith('kr')) return formatUnitCost(value);
  return formatNumber(value, value < 100 ? 1 : 0);
}

/** `12 % över gruppens median`, `i nivå med gruppens median`. */
function differenceText(diff: number): string {
  if (Math.abs(diff) < 0.03) return phrase('omrade', 'skillnad.iNiva');
  return phrase('omrade', diff > 0 ? 'skillnad.over' : 'skillnad.under', { skillnad: formatPercent(Math.abs(diff)) });
}

/** `mellan 12 och 20 mnkr`; `upp till 20 mnkr` when the low end is zero. */
function rangeText(low: number, high: number): string {
  if (low <= 0) return phrase('omrade', 'intervall.uppTill', { hog: formatAmountRounded(high) });
  const [a, b] = [formatAmountRounded(low), formatAmountRounded(high)];
  const unitA = a.split('\u00a0')[1];
  const unitB = b.split('\u00a0')[1];
  return phrase('omrade', 'intervall.mellan', { lag: unitA === unitB ? a.split('\u00a0')[0]! : a, hog: b });
}

/** The history chapter's view, and its method paragraph for the method chapter (empty without one). */
function historyParts(
  ctx: ModelContext,
  m: Municipality,
): Pick<MunicipalityReport, 'utveckling' | 'metodUtvecklingText'> {
  if (!ctx.input.history) return { metodUtvecklingText: '' };
  const groupCodes = ctx.shared.groupCodes(m.kommungruppKod);
  const utveckling = buildHistoryView(ctx.input.history, m, groupCodes);
  const metodUtvecklingText = utveckling.harMalmquist
    ? phrase('metod', 'utveckling', { malmquist: utveckling.malmquistMetodText })
    : '';
  return { utveckling, metodUtvecklingText };
}

/**
 * Names the area where the structure adjustment moves this municipality's result most in kronor
 * (same direction as the composite's), and the structure figure behind it against the national
 * median; empty when no area moves by a material amount.
 */
function structureReason(ctx: ModelContext, m: Municipality, row: EfficiencyRow, direction: number): string {
  const moves = AREAS.flatMap((area) => {
    const a = row.areas[area];
    // An area at 100 % only because nothing comparable exists explains nothing.
    if (a.effektivitet === null || a.effektivitetOjusterad == null || a.kostnadKr === null || a.ojamforbar === true)
      return [];
    const diff = (a.effektivitetDea ?? a.effektivitet) - a.effektivitetOjusterad;
    return Math.sign(diff) === direction && Math.abs(diff) >= ADJUSTMENT_POINTS
      ? [{ area, diff, kr: Math.abs(diff) * a.kostnadKr }]
      : [];
  });
  const top = moves.sort((a, b) => b.kr - a.kr)[0];
  if (!top) return '';
  const where = phrase('struktur', 'var', {
    omrade: AREA_DEFINITE[top.area],
    skillnad: formatPoints(Math.abs(top.diff)),
  });
  const structure = (ctx.input.keyFigures.get(m.kommunkod)?.[top.area] ?? []).filter(
    (f) => f.role === 'structure' && f.value !== null,
  );
  // A figure is named only when it explains the shift: conditions harder than the national
  // median (or easier, when the adjustment lowers the result) by at least 10 %.
  for (const figure of structure.filter((f) => f.transform === 'value')) {
    const national = ctx.shared.keyFigureMedian('all', top.area, figure.kpi);
    if (!(national > 0)) continue;
    const gap = figure.value! / national - 1;
    const harder = figure.higherIsBetter ? gap <= -MATERIAL_RELATIVE : gap >= MATERIAL_RELATIVE;
    const easier = figure.higherIsBetter ? gap >= MATERIAL_RELATIVE : gap <= -MATERIAL_RELATIVE;
    if (direction > 0 ? !harder : !easier) continue;
    // "Elever med eftergymnasialt utbildade föräldrar, grundskola" → "andelen elever med …".
    const name = lowerFirst(plainTitle(figure.title)).replace(/,[^,]*$/, '');
    const subject = figure.unit === '%' ? phrase('struktur', 'orsak.nyckeltal.andel', { nyckeltal: name }) : name;
    return ` ${phrase('struktur', 'orsak.nyckeltal', {
      var: where,
      nyckeltal: subject,
      egen: valueText(figure, figure.value),
      median: valueText(figure, national),
    })}`;
  }
  if (structure.some((f) => f.transform === 'reference-cost')) {
    return ` ${phrase('struktur', 'orsak.referenskostnad', { var: where })}`;
  }
  return ` ${phrase('struktur', 'orsak.bara', { var: where })}`;
}

/** The potential as a range from the areas' 95 % intervals; "intervall saknas" unless every area has one. */
function potentialRange(row: EfficiencyRow): string {
  // The areas the printed potential sums: not bibliotek (no kronor potential), not an area without
  // a comparable municipality (no potential), so the range belongs to the figure beside it.
  const areas = AREAS.map((area) => row.areas[area]).filter(
    (a) => a.effektivitet !== null && a.kostnadKr !== null && a.potentialKr !== null,
  );
  if (areas.length === 0 || areas.some((a) => a.effektivitetLag == null || a.effektivitetHog == null))
    return NO_INTERVAL;
  const low = areas.reduce((sum, a) => sum + (1 - Math.min(a.effektivitetHog!, 1)) * a.kostnadKr!, 0);
  const high = areas.reduce((sum, a) => sum + (1 - a.effektivitetLag!) * a.kostnadKr!, 0);
  return rangeText(low, high);
}

/** The adjusted and the unadjusted result, and why they differ for this municipality. */
function adjustment(ctx: ModelContext, m: Municipality, row: EfficiencyRow, n: number) {
  const unadjusted = row.effektivitetOjusterad ?? null;
  const rank = row.rangOjusterad ?? null;
  // The unadjusted view is not bias-corrected: it is compared with the adjusted DEA figures.
  const adjusted = row.effektivitetDea ?? row.effektivitet;
  const adjustedRank = row.rangDea ?? row.rang;
  const dea = { justeradDeaText: formatPercent(adjusted), justeradDeaRangText: placeText(adjustedRank, n) };
  if (unadjusted === null) {
    return {
      harOjusterad: false,
      ...dea,
      ojusteradEffektivitetText: NO_FIGURE,
      ojusteradRangText: NO_FIGURE,
      ojusteradSkal: phrase('struktur', 'saknas'),
    };
  }
  const diff = adjusted - unadjusted;
  const where =
    diff >= ADJUSTMENT_POINTS || diff <= -ADJUSTMENT_POINTS ? structureReason(ctx, m, row, Math.sign(diff)) : '';
  let skal: string;
  if (diff >= ADJUSTMENT_POINTS) {
    skal = phrase('struktur', 'hogre', { namnGenitiv: genitive(m.kommun), skillnad: formatPoints(diff), orsak: where });
  } else if (diff <= -ADJUSTMENT_POINTS) {
    skal = phrase('struktur', 'lagre', { namn: m.kommun, skillnad: formatPoints(-diff), orsak: where });
  } else {
    skal = phrase('struktur', 'lika', { namn: m.kommun });
  }
  return {
    harOjusterad: true,
    ...dea,
    ojusteradEffektivitetText: formatPercent(unadjusted),
    ojusteradRangText: rank === null ? NO_FIGURE : placeText(rank, n),
    ojusteradSkal: skal,
  };
}

/** How many municipalities are ranked, of how many, and the rule that leaves the others out (docs/method.md §3). */
function rankingRuleText(ctx: ModelContext): string {
  const antal = ctx.input.table.length;
  const alla = ctx.input.municipalities.length;
  return phrase('metod', antal < alla ? 'rangordning.urval' : 'rangordning.alla', {
    antal: formatNumber(antal),
    alla: formatNumber(alla),
    utanfor: formatNumber(alla - antal),
  });
}
