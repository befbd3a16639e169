/**
 * Content-addressed report cache: one small JSON record per report, written atomically after
 * its PDF, so an interrupted run knows exactly which reports are complete.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../io/write-atomic.ts';

/** What the build knows about one published report (also a manifest entry). */
export interface ReportRecord {
  kommunkod: string;
  kommun: string;
  slug: string;
  /** Hash of every input of the report; equal key ⇒ the PDF is up to date. */
  key: string;
  /** Paths relative to the output folder. */
  pdf: string;
  md: string;
  pages: number;
  bytes: number;
  /** sha256 of the PDF bytes. */
  sha256: string;
  ar: number;
  generatedAt: string;
  tocPages: Record<string, number>;
}

export function recordDir(outputDir: string): string {
  return path.join(outputDir, '.cache', 'reports');
}

/** The record for `kommunkod` when its PDF still exists with the recorded size. */
export async function readRecord(outputDir: string, kommunkod: string): Promise<ReportRecord | undefined> {
  try {
    const record = JSON.parse(await readFile(path.join(recordDir(outputDir), `${kommunkod}.json`), 'utf8')) as ReportRecord;
    const info = await stat(path.join(outputDir, record.pdf));
    return info.size === record.bytes ? record : undefined;
  } catch {
    return undefined;
  }
}

export async function writeRecord(outputDir: string, record: ReportRecord): Promise<void> {
  await writeFileAtomic(path.join(recordDir(outputDir), `${record.kommunkod}.json`), `${JSON.stringify(record, null, 1)}\n`);
}

/** All records, e.g. to merge shards into one manifest. */
export async function readAllRecords(outputDir: string): Promise<ReportRecord[]> {
  const dir = recordDir(outputDir);
  const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => /^\d{4}\.json$/.test(name)).sort();
  const records = await Promise.all(names.map((name) => readRecord(outputDir, name.slice(0, 4))));
  return records.filter((record): record is ReportRecord => !!record);
}
