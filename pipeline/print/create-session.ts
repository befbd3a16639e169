/**
 * The browser session of a build or the server, from the config alone: the CLI starts Chromium
 * (~1 s) before it loads and prepares the rest.
 */
import { htmlDirOf, type PipelineConfig } from '../config.ts';
import { BrowserSession } from './browser-session.ts';
import { guardPage } from './page-guard.ts';
import { printFontEnv } from './print-fonts.ts';

export function createSessionFor(config: PipelineConfig): BrowserSession {
  return new BrowserSession({
    executablePath: config.chromiumPath,
    recycleAfter: config.recycleAfter,
    timeoutMs: config.timeoutMs,
    preparePage: guardPage(htmlDirOf(config)),
    env: printFontEnv(config.cacheDir),
  });
}
