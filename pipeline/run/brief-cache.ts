/**
 * Content-addressed cache of the briefs (issue 16), beside the reports' (report-cache.ts): one
 * small JSON record per brief in `.cache/briefs/`, written atomically after its PDF.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../io/write-atomic.ts';

/** What the build knows about one printed brief (also a manifest entry). */
export interface BriefRecord {
  kommunkod: string;
  kommun: string;
  slug: string;
  /** Hash of every input of the brief; equal key ⇒ the PDF is up to date. */
  key: string;
  /** Path relative to the output folder: `pdf/kort/0160-taby.pdf`. */
  pdf: string;
  pages: number;
  bytes: number;
  sha256: string;
  ar: number;
  generatedAt: string;
}

/** `pdf/kort/<kod>-<slug>.pdf`, relative to the output folder (and to the site's root). */
export function briefPdfPath(kommunkod: string, slug: string): string {
  return `pdf/kort/${kommunkod}-${slug}.pdf`;
}

export function briefRecordDir(outputDir: string): string {
  return path.join(outputDir, '.cache', 'briefs');
}

/** The record for `kommunkod` when its PDF still exists with the recorded size. */
export async function readBriefRecord(outputDir: string, kommunkod: string): Promise<BriefRecord | undefined> {
  try {
    const record = JSON.parse(await readFile(path.join(briefRecordDir(outputDir), `${kommunkod}.json`), 'utf8')) as BriefRecord;
    const info = await stat(path.join(outputDir, record.pdf));
    return info.size === record.bytes ? record : undefined;
  } catch {
    return undefined;
  }
}

export async function writeBriefRecord(outputDir: string, record: BriefRecord): Promise<void> {
  await writeFileAtomic(path.join(briefRecordDir(outputDir), `${record.kommunkod}.json`), `${JSON.stringify(record, null, 1)}\n`);
}

/** All brief records (every shard's), e.g. for the manifest. */
export async function readAllBriefRecords(outputDir: string): Promise<BriefRecord[]> {
  const names = (await readdir(briefRecordDir(outputDir)).catch(() => [] as string[])).filter((name) => /^\d{4}\.json$/.test(name)).sort();
  const records = await Promise.all(names.map((name) => readBriefRecord(outputDir, name.slice(0, 4))));
  return records.filter((record): record is BriefRecord => !!record);
}
