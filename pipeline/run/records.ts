/**
 * The content-addressed caches of the printed files: one small JSON record per report in
 * `.cache/reports/` and per brief in `.cache/briefs/`, written atomically after its PDF, so an
 * interrupted run knows exactly which PDFs are complete. Also the manifest's entries.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { sha256File } from '../io/hash.ts';
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
  /** The PDF's SHA-256, as `sha256sum` prints it (from `format: 2` on; see `readRecord`). */
  sha256: string;
  /**
   * 2: `sha256` is the file's SHA-256. Records without it hold a length-prefixed hash there
   * (never a cache key: `key` is), and get the real digest when read.
   */
  format?: 2;
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
    const record = JSON.parse(
      await readFile(path.join(recordDir(outputDir), `${kommunkod}.json`), 'utf8'),
    ) as ReportRecord;
    const file = path.join(outputDir, record.pdf);
    const info = await stat(file);
    if (info.size !== record.bytes) return undefined;
    // An older record: its `sha256` was not the file's digest. Computed here, in memory only
    // (rewriting it could overwrite a newer record a concurrent build just wrote).
    if (record.format !== 2) return { ...record, sha256: await sha256File(file), format: 2 };
    return record;
  } catch {
    return undefined;
  }
}

export async function writeRecord(outputDir: string, record: ReportRecord): Promise<void> {
  await writeFileAtomic(
    path.join(recordDir(outputDir), `${record.kommunkod}.json`),
    `${JSON.stringify(record, null, 1)}\n`,
  );
}

/** All records, e.g. to merge shards into one manifest. */
export async function readAllRecords(outputDir: string): Promise<ReportRecord[]> {
  const dir = recordDir(outputDir);
  const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => /^\d{4}\.json$/.test(name)).sort();
  const records = await Promise.all(names.map((name) => readRecord(outputDir, name.slice(0, 4))));
  return records.filter((record): record is ReportRecord => !!record);
}

// Briefs (issue 16) ------------------------------------------------------------

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
    const record = JSON.parse(
      await readFile(path.join(briefRecordDir(outputDir), `${kommunkod}.json`), 'utf8'),
    ) as BriefRecord;
    const info = await stat(path.join(outputDir, record.pdf));
    return info.size === record.bytes ? record : undefined;
  } catch {
    return undefined;
  }
}

export async function writeBriefRecord(outputDir: string, record: BriefRecord): Promise<void> {
  await writeFileAtomic(
    path.join(briefRecordDir(outputDir), `${record.kommunkod}.json`),
    `${JSON.stringify(record, null, 1)}\n`,
  );
}

/** All brief records (every shard's), e.g. for the manifest. */
export async function readAllBriefRecords(outputDir: string): Promise<BriefRecord[]> {
  const names = (await readdir(briefRecordDir(outputDir)).catch(() => [] as string[]))
    .filter((name) => /^\d{4}\.json$/.test(name))
    .sort();
  const records = await Promise.all(names.map((name) => readBriefRecord(outputDir, name.slice(0, 4))));
  return records.filter((record): record is BriefRecord => !!record);
}
