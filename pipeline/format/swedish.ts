/**
 * Swedish number formatting for reports: `1 234,5 mnkr`, `93 %`. One place, so that PDF,
 * HTML, Markdown and charts agree. Intl sv-SE uses U+2212 for minus and U+00A0 as group
 * separator; we keep the no-break space (numbers must not wrap) and the real minus sign.
 */

const cache = new Map<string, Intl.NumberFormat>();

function formatter(min: number, max: number): Intl.NumberFormat {
  const key = `${min}:${max}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: min, maximumFractionDigits: max });
    cache.set(key, f);
  }
  return f;
}

/** `1234.56` → `1 234,6` (with `decimals` = 1). */
export function formatNumber(value: number, decimals = 0, minDecimals = decimals): string {
  return formatter(minDecimals, decimals).format(value);
}

/** A share 0–1 as percent: `0.934` → `93 %`. */
export function formatPercent(share: number, decimals = 0): string {
  return `${formatNumber(share * 100, decimals)}\u00a0%`;
}

/** Kronor: `1234567` → `1 234 567 kr`. */
export function formatKr(value: number): string {
  return `${formatNumber(Math.round(value))}\u00a0kr`;
}

/** Millions of kronor with one decimal: `1234500000` → `1 234,5 mnkr`. */
export function formatMnkr(value: number, decimals = 1): string {
  return `${formatNumber(value / 1e6, decimals)}\u00a0mnkr`;
}

/** Billions of kronor: `91e9` → `91,0 mdkr`. */
export function formatMdkr(value: number, decimals = 1): string {
  return `${formatNumber(value / 1e9, decimals)}\u00a0mdkr`;
}

/** The most readable unit for an amount of kronor: kr below a million, mnkr up to a billion. */
export function formatAmount(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e10) return formatMdkr(value);
  if (abs >= 1e6) return formatMnkr(value);
  return formatKr(value);
}

/** Rank as text: `4 av 43`. */
export function formatRank(rank: number, of: number): string {
  return `${rank} av ${of}`;
}
