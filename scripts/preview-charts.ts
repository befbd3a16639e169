/**
 * Renders every chart with made-up example data ("exempeldata") into /tmp/charts.html so a
 * person can look at them, then screenshots it with headless Chromium to /tmp/charts.png.
 * Usage: `npx tsx scripts/preview-charts.ts [kommunkod]` (default 0160 Täby).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  loadMapGeometry,
  renderAreaComparison,
  renderChoroplethMap,
  renderPeerComparison,
  renderPotentialBars,
  renderRankStrip,
  escapeXml,
  type Chart,
} from '../pipeline/charts/index.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const highlight = process.argv[2] ?? '0160';

// Deterministic pseudo-random numbers so the preview is the same every run.
let seed = 42;
const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const normal = (): number => Math.sqrt(-2 * Math.log(rand() + 1e-9)) * Math.cos(2 * Math.PI * rand());

const rows = readFileSync(`${root}../shared/data/raw/kolada_kommungrupp.csv`, 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => l.split(',').map((c) => c.replace(/^"|"$/g, '')))
  .map(([kommunkod = '', namn = '', , grupp = '']) => ({
    kommunkod,
    namn,
    grupp,
    value: Math.min(1, 0.84 + 0.07 * normal()),
  }));
const self = rows.find((r) => r.kommunkod === highlight) ?? rows[0]!;
const sample = (base: number): number => Math.min(1, Math.max(0.4, base + 0.08 * normal()));

const charts: [string, Chart][] = [];
charts.push([
  'Rangordning (exempeldata)',
  renderRankStrip({
    units: rows.map((r) => ({ ...r, inGroup: r.grupp === self.grupp })),
    highlight: self.kommunkod,
    groupName: self.grupp,
  }),
]);
charts.push([
  'Områden (exempeldata)',
  renderAreaComparison({
    kommunNamn: self.namn,
    areas: [
      { namn: 'Grundskola', own: sample(0.85), groupMedian: 0.84, groupBest: 0.99, groupBestName: 'Danderyd' },
      { namn: 'Gymnasieskola', own: sample(0.8), groupMedian: 0.81, groupBest: 1, groupBestName: 'Lidingö' },
      { namn: 'Äldreomsorg', own: null, groupMedian: 0.78, groupBest: 0.97, groupBestName: 'Vaxholm' },
      { namn: 'Bibliotek', own: sample(0.7), groupMedian: 0.72, groupBest: 0.95, groupBestName: 'Nacka' },
    ],
  }),
]);
charts.push([
  'Potential (exempeldata)',
  renderPotentialBars({
    areas: [
      { namn: 'Grundskola', kr: 123_400_000, perInvanare: 1_734 },
      { namn: 'Gymnasieskola', kr: 45_600_000, perInvanare: 641 },
      { namn: 'Äldreomsorg', kr: null, perInvanare: null },
      { namn: 'Bibliotek', kr: 2_300_000, perInvanare: 32 },
    ],
  }),
]);
const peers = ['Danderyd', 'Lidingö', 'Vaxholm', 'Nacka', '<script>alert(1)</script> & Co'];
const fig = (title: string, unit: string, higherIsBetter: boolean, base: number, spread: number) => ({
  title,
  unit,
  higherIsBetter,
  values: [self.namn, ...peers].map((namn, i) => ({
    namn,
    self: i === 0,
    value: i === 3 && unit === '%' ? null : Math.round(base + spread * normal()),
  })),
});
charts.push([
  'Jämförelsekommuner (exempeldata)',
  renderPeerComparison({
    figures: [
      fig('Kostnad grundskola per elev', 'kr', false, 118_000, 9_000),
      fig('Elever med godkända betyg', '%', true, 84, 5),
      fig('Kostnad äldreomsorg per invånare 80+', 'kr', false, 230_000, 25_000),
      fig('Besök i bibliotek per invånare', 'antal', true, 5, 1.5),
    ],
  }),
]);
const geometry = loadMapGeometry(JSON.parse(readFileSync(`${root}data/geo/kommuner.topo.json`, 'utf8')));
const values = new Map<string, number | null>(rows.map((r, i) => [r.kommunkod, i % 37 === 5 ? null : r.value]));
const names = new Map(rows.map((r) => [r.kommunkod, r.namn]));
const map = renderChoroplethMap(geometry, { values, names, highlight: self.kommunkod });
const webMap = renderChoroplethMap(geometry, {
  values,
  names,
  highlight: '2584',
  width: 500,
  height: 1060,
  link: (k) => `/kommun/${k}.html`,
});

const font = pathToFileURL(`${root}node_modules/@fontsource/source-sans-3/files/`).href;
const face = (w: number): string =>
  `@font-face{font-family:"Source Sans 3";font-weight:${w};src:url("${font}source-sans-3-latin-${w}-normal.woff2") format("woff2")}`;
const figure = ([title, c]: [string, Chart]): string =>
  `<figure><figcaption>${title} — ${(c.svg.length / 1024).toFixed(1)} KB</figcaption>${c.svg}<p class="alt">${escapeXml(c.alt)}</p></figure>`;
const html = `<!doctype html><html lang="sv"><meta charset="utf-8"><style>${face(400)}${face(700)}
body{font-family:"Source Sans 3",sans-serif;margin:16px;width:680px}figure{margin:0 0 18px}
figcaption{font-weight:700;color:#555}.alt{font-size:12px;color:#333;margin:4px 0}
.maps{display:flex;gap:16px}.maps figure{width:300px}.maps figure.web{width:360px}</style>
<h1>Diagram — exempeldata</h1>${charts.map(figure).join('')}
<div class="maps">${figure([`Karta, rapport (exempeldata)`, map])}<figure class="web">${figure([`Karta, webb`, webMap])}</figure></div>`;
writeFileSync('/tmp/charts.html', html);
// Own profile dir: other Chromium instances on the machine must not capture this one.
execFileSync(
  '/usr/bin/chromium',
  [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--hide-scrollbars',
    '--user-data-dir=/tmp/chrome-preview-charts',
    '--screenshot=/tmp/charts.png',
    '--window-size=900,2400',
    'file:///tmp/charts.html',
  ],
  { stdio: 'ignore', timeout: 60_000 },
);
process.stdout.write(`Wrote /tmp/charts.html and /tmp/charts.png (map ${(map.svg.length / 1024).toFixed(1)} KB)\n`);
