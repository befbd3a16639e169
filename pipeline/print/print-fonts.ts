/**
 * Print fonts reach Chromium through fontconfig instead of as web fonts. A web font becomes a
 * new typeface in every document, so its glyph caches start cold at every print; a fontconfig
 * font stays warm across all the reports a browser prints (`page.pdf` −15 %, docs/performance.md).
 * The report CSS names these files with `local()` first and keeps the WOFF2 `url()` as the
 * fallback, so the HTML still renders the same anywhere else.
 */
import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { escapeXml } from '../charts/index.ts';
import { PROJECT_ROOT } from '../config.ts';

/** TrueType copies of the @fontsource fonts (scripts/fonts-to-ttf.sh); fontconfig reads no WOFF2. */
export const PRINT_FONTS_DIR = path.join(PROJECT_ROOT, 'templates', 'stil', 'fonts');

/** The print font files, for the cache salt. */
export function printFontFiles(): string[] {
  return readdirSync(PRINT_FONTS_DIR)
    .filter((name) => name.endsWith('.ttf'))
    .sort()
    .map((name) => path.join(PRINT_FONTS_DIR, name));
}

/**
 * Writes (when changed) a fontconfig file that adds the print fonts to the system's and
 * returns the environment Chromium must be launched with to use it.
 */
export function printFontEnv(cacheDir: string): Record<string, string> {
  const dir = path.join(cacheDir, 'fontconfig');
  const file = path.join(dir, 'fonts.conf');
  const text = [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
    '<!-- Written by kommunrapport (pipeline/print/print-fonts.ts). -->',
    '<fontconfig>',
    '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>',
    `  <dir>${escapeXml(PRINT_FONTS_DIR)}</dir>`,
    `  <cachedir>${escapeXml(dir)}</cachedir>`,
    '</fontconfig>',
    '',
  ].join('\n');
  if (readOrEmpty(file) !== text) {
    mkdirSync(dir, { recursive: true });
    // Renamed into place: another build's Chromium may be reading the previous file.
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  }
  return { FONTCONFIG_FILE: file };
}

function readOrEmpty(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
