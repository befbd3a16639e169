/** Real Chromium on the served website, with axe-core's accessibility rules. */
import { createRequire } from 'node:module';
import puppeteer, { type Browser, type Page } from 'puppeteer';

const require = createRequire(import.meta.url);

/** Launches Chromium and opens a page that may have axe-core injected (the server's CSP would block that, and only that). */
export async function openSiteBrowser(): Promise<{ browser: Browser; page: Page }> {
  const browser = await puppeteer.launch({
    executablePath: process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const page = await browser.newPage();
  await page.setBypassCSP(true);
  return { browser, page };
}

/** Injects axe-core into the page loaded. */
export async function injectAxe(page: Page): Promise<void> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
}

/** axe-core's violations on the page (axe injected): rule, impact and the first three elements. */
export function axeViolations(page: Page): Promise<{ id: string; impact: string; nodes: string[] }[]> {
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: Document,
            options: object,
          ) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  });
}
