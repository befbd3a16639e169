/**
 * Keeps the server's edition current: when a file under data/ or templates/ (or the external
 * efficiency table) changed, the edition is prepared again. The check walks the folders'
 * mtimes and sizes, at most once per `intervalMs`, and only when a report is requested.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { prepareEdition, type Edition } from '../run/index.ts';
import type { PipelineConfig } from '../config.ts';
import { hashParts } from '../io/hash.ts';

export interface EditionWatcherOptions {
  config: PipelineConfig;
  /** An edition already prepared from `config` (saves the first preparation). */
  initial?: Edition;
  /** Minimum time between two checks of the input folders, ms. */
  intervalMs?: number;
  /** Called when a changed input could not be prepared; the previous edition stays in use. */
  onError?: (error: unknown) => void;
  /** Called after the edition was prepared again. */
  onReload?: (edition: Edition) => void;
}

export class EditionWatcher {
  private edition?: Promise<Edition>;
  private signature?: string;
  private failedSignature?: string;
  private checking?: Promise<Edition>;
  private lastCheck = 0;

  constructor(private readonly options: EditionWatcherOptions) {}

  /** Prepares (or adopts) the first edition; call once before serving. */
  async start(): Promise<Edition> {
    this.signature = await inputSignature(this.options.config);
    this.lastCheck = Date.now();
    this.edition = Promise.resolve(this.options.initial ?? (await prepareEdition(this.options.config)));
    return this.edition;
  }

  /** The current edition, prepared again first when its inputs changed. */
  current(): Promise<Edition> {
    if (!this.edition) return this.start();
    if (this.checking) return this.checking;
    if (Date.now() - this.lastCheck < (this.options.intervalMs ?? 1000)) return this.edition;
    this.lastCheck = Date.now();
    this.checking = this.check().finally(() => {
      this.checking = undefined;
      this.lastCheck = Date.now();
    });
    return this.checking;
  }

  private async check(): Promise<Edition> {
    const signature = await inputSignature(this.options.config);
    // A broken input is not prepared again until it changes again (preparing costs seconds).
    if (signature === this.signature || signature === this.failedSignature) return this.edition!;
    try {
      const edition = await prepareEdition(this.options.config);
      this.edition = Promise.resolve(edition);
      this.signature = signature;
      this.failedSignature = undefined;
      this.options.onReload?.(edition);
      return edition;
    } catch (error) {
      this.failedSignature = signature;
      this.options.onError?.(error);
      return this.edition!;
    }
  }
}

/** A hash of the names, sizes and mtimes of every input file. */
export async function inputSignature(config: PipelineConfig): Promise<string> {
  const roots = [config.dataDir, config.templatesDir, ...(config.efficiencyFile ? [config.efficiencyFile] : [])];
  const parts: string[] = [];
  for (const root of roots) {
    const info = await stat(root).catch(() => undefined);
    if (!info) continue;
    if (!info.isDirectory()) {
      parts.push(`${root}:${info.size}:${info.mtimeMs}`);
      continue;
    }
    // Hidden entries are not inputs (`data update` stages its answers in data/.kolada-update/).
    const names = (await readdir(root, { recursive: true }))
      .filter((name) => !name.split(path.sep).some((part) => part.startsWith('.')))
      .sort();
    const stats = await Promise.all(names.map((name) => stat(path.join(root, name)).catch(() => undefined)));
    names.forEach((name, i) => {
      const s = stats[i];
      if (s?.isFile()) parts.push(`${root}/${name}:${s.size}:${s.mtimeMs}`);
    });
  }
  return hashParts(parts);
}
