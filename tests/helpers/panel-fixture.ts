/** A made-up yearly panel for the five fixture municipalities: an improver, a decliner, one with a gap. */
import type { HistoryRow, MalmquistRow, PanelResult, UnitCostRow } from '../../pipeline/analyse/panel/types.ts';

const YEARS = [2019, 2020, 2021, 2022];

/** Rank per year (null = no data that year). Alfa improves, Beta declines, Gamma has a gap in 2020 and is flat. */
export const PANEL_RANKS: Record<string, (number | null)[]> = {
  '0001': [5, 4, 2, 1],
  '0002': [1, 2, 4, 5],
  '0003': [3, null, 3, 3],
  '0004': [2, 1, 1, 2],
  '0005': [4, 3, 5, 4],
};

/** The panel; `rho` is the year-to-year rank correlation every pair gets. */
export function fixturePanel(rho = 0.8): PanelResult {
  const history: HistoryRow[] = [];
  // The common-frontier composite: every unit has äldreomsorg in the latest year, so 2021 (without
  // it) is not comparable; the change to 2022 has a ±4 % interval (beyond the noise when it excludes 1).
  const pooled = (kommunkod: string, t: number) =>
    PANEL_RANKS[kommunkod]![t] === null || YEARS[t] === 2021 ? null : 1 - 0.05 * PANEL_RANKS[kommunkod]![t]!;
  YEARS.forEach((ar, t) => {
    const antal = Object.values(PANEL_RANKS).filter((r) => r[t] !== null).length;
    for (const [kommunkod, ranks] of Object.entries(PANEL_RANKS)) {
      const rang = ranks[t]!;
      const eff = rang === null ? null : 1 - 0.05 * rang;
      const level = pooled(kommunkod, t);
      const last = pooled(kommunkod, YEARS.length - 1);
      const ratio = level !== null && last !== null && ar < 2022 ? last / level : null;
      history.push({
        kommunkod,
        ar,
        effektivitet: eff,
        rang,
        antal,
        areas: { grundskola: eff, gymnasieskola: eff, aldreomsorg: ar === 2021 ? null : eff, bibliotek: null },
        omraden:
          eff === null
            ? []
            : ar === 2021
              ? ['grundskola', 'gymnasieskola']
              : ['grundskola', 'gymnasieskola', 'aldreomsorg'],
        gemensam: { grundskola: level, gymnasieskola: level, aldreomsorg: ar === 2021 ? null : level, bibliotek: null },
        effektivitetGemensam: level,
        forandring: ratio,
        forandringLag: ratio === null ? null : ratio * 0.96,
        forandringHog: ratio === null ? null : ratio * 1.04,
        utanforBrus: ratio === null ? null : ratio * 0.96 > 1 || ratio * 1.04 < 1,
      });
    }
  });
  const noise = (malmquist: number, beyond: boolean) => ({
    malmquistLag: malmquist * 0.97,
    malmquistHog: malmquist * 1.03,
    utanforBrus: beyond,
  });
  const malmquist: MalmquistRow[] = [
    {
      kommunkod: '0001',
      omrade: 'grundskola',
      franAr: 2019,
      tillAr: 2022,
      malmquist: 1.06,
      effektivitetsforandring: 1.04,
      tekniskForandring: 1.06 / 1.04,
      ...noise(1.06, true),
    },
    {
      kommunkod: '0001',
      omrade: 'grundskola',
      franAr: 2021,
      tillAr: 2022,
      malmquist: 1.01,
      effektivitetsforandring: 1.0,
      tekniskForandring: 1.01,
      ...noise(1.01, false),
    },
    {
      kommunkod: '0002',
      omrade: 'grundskola',
      franAr: 2019,
      tillAr: 2022,
      malmquist: 0.9,
      effektivitetsforandring: 0.85,
      tekniskForandring: 0.9 / 0.85,
      ...noise(0.9, true),
    },
  ];
  const unitCosts: UnitCostRow[] = YEARS.map((ar, t) => ({
    kommunkod: '0002',
    omrade: 'grundskola',
    ar,
    titel: 'Kostnad per elev',
    enhet: 'kr/elev',
    kostnad: 110_000 * 1.05 ** t,
    forandring: t ? 0.05 : null,
    gruppMedian: 100_000 * 1.03 ** t,
    gruppMedianForandring: t ? 0.03 : null,
    rikeMedian: 100_000 * 1.03 ** t,
    rikeMedianForandring: t ? 0.03 : null,
    relativ: 1.1 * (1.05 / 1.03) ** t,
    ettProcentBana: 1.1 * 0.99 ** t,
  }));
  return {
    years: YEARS,
    latest: 2022,
    leftOutYears: [],
    missingAreas: [{ ar: 2021, omrade: 'aldreomsorg', skal: 'Kolada has no 2021 values for U21468, U23471' }],
    history,
    malmquist,
    unitCosts,
    rankCorrelations: YEARS.slice(1).map((tillAr, k) => ({
      franAr: YEARS[k]!,
      tillAr,
      rho,
      antal: 5,
      jamforbar: tillAr !== 2021 && YEARS[k] !== 2021,
    })),
    deflator: 'median-unit-cost',
    noise: { replicates: 100, seed: 1 },
    messages: [],
  };
}
