/**
 * Data values are inserted into Markdown templates as literal text: every ASCII punctuation
 * character gets a backslash (CommonMark allows escaping all of them), so a name like
 * `](javascript:…)`, `<script>` or `{{x}}` can never become a link, HTML or a template.
 */

const PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;

/** Escapes one string for use as literal Markdown text on one line. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ').replace(PUNCTUATION, (ch) => `\\${ch}`);
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
