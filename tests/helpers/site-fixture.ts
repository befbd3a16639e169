/** The site's own templates, a stand-in map and a municipality page's fixed options, for the site's unit tests. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { MapGeometry } from '../../pipeline/charts/index.ts';
import { PROJECT_ROOT } from '../../pipeline/config.ts';
import { compileSiteTemplates, type renderMunicipalityPage } from '../../pipeline/publish/index.ts';

/** The project's site templates (templates/site/), compiled. */
export function projectSiteTemplates(): ReturnType<typeof compileSiteTemplates> {
  const siteDir = path.join(PROJECT_ROOT, 'templates', 'site');
  return compileSiteTemplates(
    Object.fromEntries(readdirSync(siteDir).map((name) => [name, readFileSync(path.join(siteDir, name), 'utf8')])),
  );
}

/** A stand-in map: one square per municipality, side by side. */
export function squareMap(codes: string[], outline = ''): MapGeometry {
  return {
    features: [],
    projected: () => ({
      shapes: codes.map((kommunkod, i) => ({
        kommunkod,
        namn: kommunkod,
        d: `M${i * 10},0h8v8h-8Z`,
        centroid: [i * 10 + 4, 4] as [number, number],
      })),
      outline,
    }),
  };
}

type PageOptions = Parameters<typeof renderMunicipalityPage>[1];

/** A municipality page's options: no PDF and no base URL unless given, a fixed generator and date. */
export function pageOptions(
  parts: Pick<PageOptions, 'report' | 'composed' | 'charts'> & Partial<Pick<PageOptions, 'pdf' | 'baseUrl'>>,
): PageOptions {
  return { pdf: null, baseUrl: null, generator: 'g', updatedAt: '2025-03-12T10:00:00Z', ...parts };
}
