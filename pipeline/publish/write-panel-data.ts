/** The yearly panel's two tables as downloads of the website (`data/` in the edition). */
import path from 'node:path';
import { serializeHistory, serializeMalmquist } from '../analyse/panel/serialize-panel.ts';
import type { PanelResult } from '../analyse/panel/types.ts';
import { writeFileAtomic } from '../io/write-atomic.ts';

/** Site paths of the downloads, relative to the site root. */
export const PANEL_DATA_FILES = { historik: 'data/effektivitet-historik.csv', malmquist: 'data/malmquist.csv' } as const;

/** Writes both CSVs into the edition folder `dir`; nothing when the edition has no panel. */
export async function writePanelData(dir: string, panel: PanelResult | undefined): Promise<void> {
  if (!panel) return;
  await Promise.all([
    writeFileAtomic(path.join(dir, PANEL_DATA_FILES.historik), serializeHistory(panel.history)),
    writeFileAtomic(path.join(dir, PANEL_DATA_FILES.malmquist), serializeMalmquist(panel.malmquist)),
  ]);
}
