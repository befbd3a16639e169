/** An edition with some reports built into a temporary output folder, for tests that publish or serve them. */
import { expect } from 'vitest';
import type { PipelineConfig } from '../../pipeline/config.ts';
import { buildReports, prepareEdition, type Edition } from '../../pipeline/run/index.ts';
import { tempConfig } from './temp-config.ts';

/** Prepares the edition in a temporary output folder and builds the reports of `codes`, each of which must render. */
export async function buildTempEdition(codes: string[]): Promise<{ config: PipelineConfig; edition: Edition }> {
  const config = await tempConfig();
  const edition = await prepareEdition(config);
  const summary = await buildReports(edition, { codes });
  expect(summary.outcomes.map((o) => o.status)).toEqual(codes.map(() => 'rendered'));
  return { config, edition };
}
