/**
 * Precompiled Handlebars templates kept in the cache folder between runs, so a CLI start does
 * not parse every template again (~0.1 s). The file holds only the specs the last run used.
 * It contains generated JavaScript that is run: it is as trusted as the rest of the cache
 * folder (which also decides what is printed).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { TemplateSpecCache } from '../compose/index.ts';
import { writeFileAtomic } from '../io/write-atomic.ts';

export class DiskTemplateSpecs implements TemplateSpecCache {
  private readonly used = new Map<string, string>();
  private changed = false;

  private constructor(
    private readonly file: string,
    private readonly stored: Map<string, string>,
  ) {}

  static async load(cacheDir: string): Promise<DiskTemplateSpecs> {
    const file = path.join(cacheDir, 'handlebars-specs.json');
    let stored = new Map<string, string>();
    try {
      stored = new Map(Object.entries(JSON.parse(await readFile(file, 'utf8')) as Record<string, string>));
    } catch {
      // Missing or unreadable: every template is compiled from source.
    }
    return new DiskTemplateSpecs(file, stored);
  }

  get(key: string): string | undefined {
    const spec = this.stored.get(key);
    if (spec !== undefined) this.used.set(key, spec);
    return spec;
  }

  set(key: string, spec: string): void {
    this.used.set(key, spec);
    this.changed = true;
  }

  /** Writes the specs of this run when one was compiled anew (or one is no longer used). */
  async save(): Promise<void> {
    if (!this.changed && this.used.size === this.stored.size) return;
    await writeFileAtomic(this.file, JSON.stringify(Object.fromEntries(this.used)));
  }
}
