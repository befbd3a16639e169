/** The edition's bookkeeping: which view model each page was composed from. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { reportKey, type Edition } from '../run/index.ts';
import type { MunicipalityReport } from '../model/types.ts';
import { stateFilesOf } from '../io/site-state-file.ts';
import type { SiteState } from './types.ts';

/**
 * What a municipality page depends on besides its PDF: the view model and the report
 * templates (the edition's salt). Equal keys ⇒ the page would come out the same.
 */
export function pageModelKey(edition: Pick<Edition, 'salt'>, report: MunicipalityReport): string {
  // The report's own cache key: the page shows what the PDF shows.
  return reportKey(edition, report);
}

/**
 * The state of the edition in `dir` (beside the folder, or inside it for an edition published
 * before issue 22), or undefined when it has none or it is unreadable.
 */
export async function readSiteState(dir: string): Promise<SiteState | undefined> {
  for (const file of stateFilesOf(dir)) {
    try {
      const state = JSON.parse(await readFile(file, 'utf8')) as SiteState;
      if (state.version === 1 && state.pages) return state;
    } catch {
      // Not there (or unreadable): try the older place, else there is no state.
    }
  }
  return undefined;
}

/** Serialises the state. */
export function serialiseSiteState(state: SiteState): string {
  return `${JSON.stringify(state)}\n`;
}
