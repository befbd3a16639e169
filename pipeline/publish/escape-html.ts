/**
 * Escaping for markup built outside Handlebars (sitemap, JSON in pages). Same set as
 * Handlebars' `escapeExpression`, so a value is safe in text and in quoted attributes.
 */
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#x27;',
  '`': '&#x60;',
  '=': '&#x3D;',
};

/** Escapes `text` for HTML/XML text and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`=]/g, (ch) => ENTITIES[ch]!);
}
