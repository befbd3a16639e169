/** `output/manifest.json`: every published report with its data year, hash, size and date. */
import path from 'node:path';
import { writeFileAtomic } from '../io/write-atomic.ts';
import { readAllBriefRecords, readAllRecords, type BriefRecord, type ReportRecord } from './records.ts';

export interface Manifest {
  generator: string;
  generatedAt: string;
  count: number;
  /** `sha256` (and its older name `contentHash`) is each PDF's SHA-256, as `sha256sum` prints it. */
  reports: Omit<ReportRecord, 'key' | 'tocPages' | 'format'>[];
  /** The two-page briefs (`pdf/kort/…`), one per municipality that has one. */
  briefs: (Omit<BriefRecord, 'key'> & { contentHash: string })[];
}

/** Merges all report records (from every shard) into the manifest, atomically. */
export async function writeManifest(outputDir: string, generator: string): Promise<Manifest> {
  const [records, briefs] = await Promise.all([readAllRecords(outputDir), readAllBriefRecords(outputDir)]);
  const manifest: Manifest = {
    generator,
    generatedAt: new Date().toISOString(),
    count: records.length,
    reports: records.map(({ key: _key, tocPages: _toc, format: _format, ...rest }) => ({
      ...rest,
      contentHash: rest.sha256,
    })),
    briefs: briefs.map(({ key: _key, ...rest }) => ({ ...rest, contentHash: rest.sha256 })),
  };
  await writeFileAtomic(path.join(outputDir, 'manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`);
  return manifest;
}
