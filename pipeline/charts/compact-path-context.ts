/**
 * A d3-geo path context that writes compact SVG path data: the first point absolute, the rest
 * as relative `l` steps on a grid of 1/`scale` units, dropping steps that round to nothing.
 * Rounding the absolute positions first and differencing the integers means relative steps
 * never accumulate error. For a 300×640 map this roughly halves the markup of geoPath's own
 * absolute output, which is what keeps one report map under its size budget.
 */
export class CompactPathContext {
  private out: string[] = [];
  private px = 0;
  private py = 0;
  private inLine = false;
  private ringStart = 0;

  /** `scale` 10 = one decimal. */
  constructor(private readonly scale = 10) {}

  moveTo(x: number, y: number): void {
    const ix = Math.round(x * this.scale);
    const iy = Math.round(y * this.scale);
    this.out.push(`M${num(ix, this.scale)}${sep(iy, this.scale)}`);
    this.px = ix;
    this.py = iy;
    this.inLine = false;
    this.ringStart = this.out.length;
  }

  lineTo(x: number, y: number): void {
    const ix = Math.round(x * this.scale);
    const iy = Math.round(y * this.scale);
    const dx = ix - this.px;
    const dy = iy - this.py;
    if (dx === 0 && dy === 0) return;
    const first = num(dx, this.scale);
    this.out.push(`${this.inLine ? sep(dx, this.scale) : `l${first}`}${sep(dy, this.scale)}`);
    this.px = ix;
    this.py = iy;
    this.inLine = true;
  }

  closePath(): void {
    // A ring that collapsed to a point or a line at this size draws nothing; drop it.
    if (this.out.length - this.ringStart < 2) this.out.length = this.ringStart - 1;
    else this.out.push('z');
    this.inLine = false;
  }

  /** Points are never drawn on the map; d3-geo only calls this for Point geometries. */
  arc(): void {}

  /** Part of the canvas-like context d3-geo expects; path data needs no marker per feature. */
  beginPath(): void {}

  /** The path data written so far; resets the context. */
  result(): string {
    const d = this.out.join('');
    this.out = [];
    return d;
  }
}

/** `15` at scale 10 → `1.5`; `-3` → `-.3`; leading zeros dropped, as SVG path grammar allows. */
function num(i: number, scale: number): string {
  const s = String(i / scale);
  if (s.startsWith('0.')) return s.slice(1);
  if (s.startsWith('-0.')) return `-${s.slice(2)}`;
  return s;
}

/** A number preceded by the separator it needs: none before a minus sign. */
function sep(i: number, scale: number): string {
  const s = num(i, scale);
  return s.startsWith('-') ? s : ` ${s}`;
}
