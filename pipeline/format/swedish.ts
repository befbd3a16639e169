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

/**
 * Genitive of a Swedish name: `Täby` → `Täbys`, but names ending in s, x or z take no extra s
 * (`Västerås`, `Kalix`, `Borås`). The one place reports form a genitive.
 */
export function genitive(name: string): string {
  return /[sxz]$/i.test(name.trim()) ? name.trim() : `${name.trim()}s`;
}

/** A Swedish list: `a`, `a och b`, `a, b och c` (`eller` as the last word when asked). */
export function joinSv(items: readonly string[], last: 'och' | 'eller' = 'och'): string {
  const list = items.filter((item) => item !== '');
  return list.length <= 1 ? list.join('') : `${list.slice(0, -1).join(', ')} ${last} ${list.at(-1)}`;
}

/** `value` rounded to `digits` significant digits (838 256 → 840 000 with 2). */
export function roundSignificant(value: number, digits = 2): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  const scale = 10 ** (Math.floor(Math.log10(Math.abs(value))) - digits + 1);
  return Math.round(value / scale) * scale;
}

/**
 * An amount rounded for prose, to two significant digits: `52 mnkr`, `1,2 mdkr`, `840 000 kr`,
 * `4 600 kr`. Callers add "omkring" where the sentence needs it: the figure is an estimate.
 */
export function formatAmountRounded(value: number): string {
  const rounded = roundSignificant(value, 2);
  const abs = Math.abs(rounded);
  if (abs >= 1e9) return `${formatNumber(rounded / 1e9, 1)}\u00a0mdkr`;
  if (abs >= 1e6) return `${formatNumber(rounded / 1e6, abs >= 1e7 ? 0 : 1)}\u00a0mnkr`;
  return `${formatNumber(rounded)}\u00a0kr`;
}

/** A cost per unit for prose: nearest thousand from 10 000 kr (`98 000 kr`), else nearest hundred. */
export function formatUnitCost(value: number): string {
  const step = Math.abs(value) >= 10_000 ? 1000 : Math.abs(value) >= 1000 ? 100 : 10;
  return `${formatNumber(Math.round(value / step) * step)}\u00a0kr`;
}

/** A difference in percentage points: `6 procentenheter`, `1 procentenhet`. */
export function formatPoints(share: number): string {
  const points = Math.round(Math.abs(share) * 100);
  return `${formatNumber(points)}\u00a0${points === 1 ? 'procentenhet' : 'procentenheter'}`;
}

/** Places that take "på" rather than "i" (islands): "på Gotland", "i Täby". */
const ON_PLACES = new Set(['Gotland', 'Öckerö', 'Tjörn', 'Orust']);

/** "i Täby", "på Gotland": the preposition for being in a municipality. */
export function inPlace(name: string, capital = false): string {
  const word = ON_PLACES.has(name) ? 'på' : 'i';
  return `${capital ? word.charAt(0).toUpperCase() + word.slice(1) : word} ${name}`;
}

/**
 * `Gör rollerna tydliga` → `gör rollerna tydliga`, `Kostnad per elev` → `kostnad per elev`: the
 * first letter only, and only before a lower-case one, so names and abbreviations such as "IT"
 * stay as they are.
 */
export function lowerFirst(text: string): string {
  return /^[A-ZÅÄÖ][a-zåäö]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}
