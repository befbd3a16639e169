const GROUPED = /^[-+]?\d{1,3}([\u00a0\u202f ]\d{3})+([.,]\d+)?$/;

/**
 * Parses a number written either with `.` or with the Swedish decimal comma (`1234,5`,
 * `1 234,5` with spaces or no-break spaces between groups of three, `−` as minus). Returns
 * undefined for anything else, including `NaN`, `Infinity`, `1e400` and `1,234.5`.
 */
export function parseNumber(raw: string): number | undefined {
  let text = raw.trim().replace(/^\u2212/, '-');
  if (/[\u00a0\u202f ]/.test(text)) {
    if (!GROUPED.test(text)) return undefined;
    text = text.replace(/[\u00a0\u202f ]/g, '');
  }
  if (/^[-+]?\d+,\d+$/.test(text)) text = text.replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}
