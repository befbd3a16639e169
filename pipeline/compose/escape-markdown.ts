/**
 * Data values are inserted into Markdown templates as literal text: characters that can start
 * Markdown, HTML, links or templates get a backslash (CommonMark allows escaping any ASCII
 * punctuation), so a name like `](javascript:…)`, `<script>` or `{{x}}` stays text.
 * Punctuation that is only special at the start of a line (`-`, `+`, `1.`) is escaped there;
 * everyday punctuation (`,` `.` `%`) is left alone, which keeps parsing fast.
 */

/** Special anywhere in a line (inline constructs, HTML, entities, table cells). */
const INLINE_SPECIAL = /[\\`*_[\]{}()<>#!&|~]/g;
/** Special at the start of a line: lists, block quotes, headings, thematic breaks, setext underlines. */
const LINE_START = /^(\s*)(?:([-+>=])|(\d+)([.)]))/;

/** Escapes one string for use as literal Markdown text on one line. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(INLINE_SPECIAL, (ch) => `\\${ch}`)
    .replace(LINE_START, (_, space: string, symbol?: string, digits?: string, delimiter?: string) =>
      symbol ? `${space}\\${symbol}` : `${space}${digits}\\${delimiter}`,
    );
}

/** A deep copy of `value` with every string escaped; numbers, booleans and null are kept. */
export function escapeMarkdownDeep<T>(value: T): T {
  if (typeof value === 'string') return escapeMarkdown(value) as T;
  if (Array.isArray(value)) return value.map((item) => escapeMarkdownDeep(item)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = escapeMarkdownDeep(item);
    return out as T;
  }
  return value;
}
