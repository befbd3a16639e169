import { scaleLinear } from 'd3-scale';
import { formatKr, formatMnkr } from '../format/index.ts';
import { r1, svgDocument, text } from './svg-document.ts';
import { theme } from './theme.ts';
import type { Chart } from './types.ts';
import { phrase } from '../model/phrases.ts';

/** Input of `renderPotentialBars`: per area the potential in SEK and per inhabitant, null when missing. */
export interface PotentialBarsInput {
  areas: { namn: string; kr: number | null; perInvanare: number | null }[];
}

const W = theme.width;
const ROW = 34;
const TOP = 30;
const BAR = { left: 130, right: 440, height: 18 };
const PER_INV_X = W - 10;

/**
 * Potential per area as horizontal bars in kronor, each labelled in mnkr, with the amount per
 * inhabitant in a right-aligned column; a total row sums the areas that have a value.
 */
export function renderPotentialBars(input: PotentialBarsInput): Chart {
  const { areas } = input;
  const max = Math.max(0, ...areas.map((a) => a.kr ?? 0));
  const x = scaleLinear()
    .domain([0, max > 0 ? max : 1])
    .range([0, BAR.right - BAR.left]);
  const known = areas.filter((a) => a.kr !== null);
  const total = known.reduce((s, a) => s + (a.kr ?? 0), 0);
  const totalPerInv = areas.every((a) => a.perInvanare === null)
    ? null
    : areas.reduce((s, a) => s + (a.perInvanare ?? 0), 0);
  const H = TOP + (areas.length + 1) * ROW + 8;

  const header =
    text(BAR.left, 16, phrase('diagram', 'potential.kolumn.kronor'), {
      size: theme.fontSize.small,
      fill: theme.color.muted,
    }) +
    text(PER_INV_X, 16, phrase('diagram', 'potential.kolumn.perInvanare'), {
      size: theme.fontSize.small,
      fill: theme.color.muted,
      anchor: 'end',
    });
  const missing = phrase('diagram', 'saknas');
  const perInhabitant = (kr: number) => phrase('diagram', 'potential.perInvanare', { belopp: formatKr(kr) });

  const rows = areas.map((a, i) => {
    const y = TOP + i * ROW;
    const cy = y + ROW / 2;
    let row = text(BAR.left - 10, cy + 5, a.namn, { anchor: 'end', weight: 'bold' });
    if (a.kr === null) {
      row += text(BAR.left, cy + 5, missing, { fill: theme.color.muted, extra: 'font-style="italic"' });
    } else {
      // A bar never shrinks below a hairline, so a zero potential still reads as "measured, zero".
      const w = Math.max(1, x(Math.max(0, a.kr)));
      row +=
        `<rect x="${BAR.left}" y="${r1(cy - BAR.height / 2)}" width="${r1(w)}" height="${BAR.height}" fill="${theme.color.bar}"/>` +
        text(BAR.left + w + 6, cy + 5, formatMnkr(a.kr), { weight: 'bold' });
    }
    const perInv = a.perInvanare === null ? missing : perInhabitant(a.perInvanare);
    row += text(PER_INV_X, cy + 5, perInv, {
      anchor: 'end',
      fill: a.perInvanare === null ? theme.color.muted : theme.color.text,
    });
    return row;
  });

  const ty = TOP + areas.length * ROW;
  const totalRow =
    `<line x1="10" x2="${W - 10}" y1="${ty + 4}" y2="${ty + 4}" stroke="${theme.color.axis}"/>` +
    text(BAR.left - 10, ty + 24, phrase('diagram', 'potential.totalt'), { anchor: 'end', weight: 'bold' }) +
    text(BAR.left, ty + 24, known.length ? formatMnkr(total) : missing, { weight: 'bold' }) +
    text(PER_INV_X, ty + 24, totalPerInv === null ? missing : perInhabitant(totalPerInv), {
      anchor: 'end',
      weight: 'bold',
    });

  const perInvText = (kr: number | null) => (kr === null ? '' : formatKr(kr));
  const alt = phrase('diagram', 'potential.alt', {
    omraden:
      areas
        .map((a) =>
          a.kr === null
            ? phrase('diagram', 'potential.alt.omradeSaknas', { omrade: a.namn })
            : phrase('diagram', a.perInvanare === null ? 'potential.alt.omrade' : 'potential.alt.omrade.perInvanare', {
                omrade: a.namn,
                belopp: formatMnkr(a.kr),
                perInvanare: perInvText(a.perInvanare),
              }),
        )
        .join(' ') +
      (known.length
        ? ` ${phrase('diagram', totalPerInv === null ? 'potential.alt.totalt' : 'potential.alt.totalt.perInvanare', {
            belopp: formatMnkr(total),
            perInvanare: perInvText(totalPerInv),
          })}`
        : ''),
  });
  return svgDocument({
    kind: 'potential-bars',
    width: W,
    height: H,
    title: phrase('diagram', 'potential.rubrik'),
    alt,
    body: () => header + rows.join('') + totalRow,
  });
}
