/**
 * Makes the report body's wide parts reachable by keyboard on narrow screens (WCAG 2.1.1;
 * axe `scrollable-region-focusable`): each table is wrapped in a focusable, labelled scroll
 * region, so the table keeps its table semantics (a `display: block` table loses them in some
 * screen readers), and each chart figure becomes focusable, named by its chart's title. Pure.
 */

const HEADING = /<h([2-4])[^>]*>([\s\S]*?)<\/h\1>/g;
// The composer marks chart figures `role="none"` for the PDF's tags (compose/to-html.ts); on the
// page the figure is the focusable, named scroll region instead.
const BLOCK = /<table>[\s\S]*?<\/table>|<figure class="chart"(?: role="none")?>/g;

/**
 * The body HTML with scroll regions; the label of a table is the heading it stands under, with
 * its number under that heading from the second on (`Tabell 2: Grundskola`), so that no two
 * regions share a name (axe `landmark-unique`).
 */
export function scrollableRegions(bodyHtml: string): string {
  const headings = [...bodyHtml.matchAll(HEADING)].map((m) => ({ at: m.index, text: plainText(m[2]!) }));
  const seen = new Map<string, number>();
  return bodyHtml.replace(BLOCK, (block, at: number) => {
    if (block.startsWith('<figure')) {
      const titleId = /<title id="([^"]+)"/.exec(bodyHtml.slice(at, at + 2000))?.[1];
      return titleId
        ? `<figure class="chart" tabindex="0" aria-labelledby="${titleId}">`
        : '<figure class="chart" tabindex="0" aria-label="Diagram">';
    }
    const heading = headings.filter((h) => h.at < at).pop()?.text;
    const n = (seen.get(heading ?? '') ?? 0) + 1;
    seen.set(heading ?? '', n);
    const label = `Tabell${n > 1 ? ` ${n}` : ''}${heading ? `: ${heading}` : ''}`;
    return `<div class="table-scroll" role="region" tabindex="0" aria-label="${label}">${block}</div>`;
  });
}

/** Heading text without tags, soft hyphens or quotes that would end the attribute (it is already escaped HTML). */
function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/\u00ad|&shy;/g, '')
    .replace(/"/g, '&quot;')
    .replace(/\s+/g, ' ')
    .trim();
}
