import { cp, mkdir } from 'node:fs/promises';
import path from 'node:path';
import puppeteer from 'puppeteer';
import { buildReports, prepareEdition } from './pipeline/build/index.ts';
import { publishSite } from './pipeline/publish/index.ts';
import { startServer } from './pipeline/serve/index.ts';
import { tempConfig } from './tests/helpers/temp-config.ts';

const withHistory = process.argv[2] !== 'nohist';
const config = await tempConfig();
const edition = await prepareEdition(config);
await buildReports(edition, { codes: ['0114', '0160', '0162', '1280'] });
if (withHistory) {
  await mkdir(path.join(config.outputDir, 'data'), { recursive: true });
  for (const f of ['effektivitet-historik.csv', 'malmquist.csv']) await cp(path.join('tests/fixtures/open-data', f), path.join(config.outputDir, 'data', f));
}
let t = performance.now();
await publishSite(edition);
console.log('publish ms', Math.round(performance.now() - t));
t = performance.now();
await publishSite(edition);
console.log('second publish ms', Math.round(performance.now() - t));
const server = await startServer({ config, edition, port: 0 });
console.log('site', config.outputDir, server.url);
const browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
page.on('console', (m) => console.log('console:', m.text()));
page.on('pageerror', (e) => console.log('pageerror:', e.message));
const shots: [string, string][] = [['index', ''], ['kommun', 'kommun/0160-taby/'], ['jamfor', 'jamfor/?a=0160&b=0162'], ['data', 'data/']];
for (const width of [1280, 390]) {
  await page.setViewport({ width, height: 900 });
  for (const [name, rel] of shots) {
    await page.goto(server.url + rel, { waitUntil: 'networkidle0' });
    await page.screenshot({ path: `/tmp/site-look/${name}-${width}.png` });
    const chunks = (process.argv.find((a) => a.startsWith('chunks=')) ?? 'chunks=').slice(7).split(',').filter(Boolean);
    for (const chunk of chunks) {
      const [pageName, y] = chunk.split(':');
      if (pageName !== name) continue;
      await page.screenshot({ path: `/tmp/site-look/${name}-${width}-${y}.png`, clip: { x: 0, y: Number(y), width, height: width === 390 ? 1400 : 1000 }, captureBeyondViewport: true });
    }
  }
}
await page.setViewport({ width: 1280, height: 900 });
await page.goto(server.url, { waitUntil: 'networkidle0' });
await page.select('#kartval', 'grundskola');
const el = await page.$('#karta');
await el!.screenshot({ path: '/tmp/site-look/map-grundskola.png' });
await browser.close();
await server.close();
