/**
 * Kolada KPIs behind the fact-to-theme map (pipeline/model/theme-rules.ts): loaded with the
 * context figures, fetched by `data update`, copied by pipeline/load/scripts/build-kommuner.ts.
 */
export const THEME_KPIS = {
  /** Nettokostnad kulturverksamhet, kr/inv: mostly non-statutory (bibliotek is the statutory part). */
  cultureNetCost: 'N09022',
  /** Fysiska besök vid kommunala bibliotek, antal/inv. */
  libraryVisits: 'N09807',
  /** Nettokostnad egentlig verksamhet, kr/inv: the tax-funded operation the committees' frames cover. */
  netCostProper: 'N00096',
  /** Framskrivning, förväntad förändring i antal invånare 80+ år om 10 år (%). */
  aged80Forecast: 'N02842',
  /** Kostnad hemtjänst äldreomsorg, kr/inv 65+. */
  homeCareCost: 'N21009',
  /** Kostnad särskilt boende äldreomsorg, kr/inv 65+. */
  residentialCareCost: 'N23005',
  /** Kommunen bedriver kommunal gymnasieskola (Ja=1, Nej=0). */
  ownUpperSecondary: 'U17802',
} as const;

export const THEME_KPI_IDS: string[] = Object.values(THEME_KPIS);
