/**
 * A key → value cache kept in one JSON file between runs. Only the entries a run read or wrote
 * are saved, so entries no run uses any more drop out; nothing is written when nothing changed.
 * Used for the panel's per-year results (run/cached-panel.ts) and for the precompiled Handlebars
 * templates (run/prepare-edition.ts).
 */
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from './write-atomic.ts';

export class JsonFileCache<T> {
  private readonly used = new Map<string, T>();
  private changed = false;

  private constructor(
    private readonly file: string,
    private readonly stored: Map<string, T>,
  ) {}

  /** Reads `file`; a missing or unreadable file is an empty cache (every entry computed anew). */
  static async load<T>(file: string): Promise<JsonFileCache<T>> {
    let stored = new Map<string, T>();
    try {
      stored = new Map(Object.entries(JSON.parse(await readFile(file, 'utf8')) as Record<string, T>));
    } catch {
      // Missing or unreadable: start empty.
    }
    return new JsonFileCache(file, stored);
  }

  /** The stored value of `key` (kept for the next save), or undefined. */
  get(key: string): T | undefined {
    const value = this.stored.get(key);
    if (value !== undefined) this.used.set(key, value);
    return value;
  }

  set(key: string, value: T): void {
    this.used.set(key, value);
    this.changed = true;
  }

  /** Writes the entries of this run when one was set anew or a stored one was not used. */
  async save(): Promise<void> {
    if (!this.changed && this.used.size === this.stored.size) return;
    await writeFileAtomic(this.file, JSON.stringify(Object.fromEntries(this.used)));
  }
}
