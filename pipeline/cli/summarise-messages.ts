/**
 * The analysis notes in short: `analyse` printed one INFO line per area, reason and panel year
 * (167 lines on the shipped data), which buried the summary. By default the "left out" notes
 * are counted per area (the data year apart from the yearly panel); `--verbose` prints them all.
 */

const LEFT_OUT = /^(?:panel (\d{4}): )?(\w+): (\d+) municipalities left out \(/;
/** The panel's per-year note on municipalities not ranked for too little comparable weight (build-table.ts). */
const PANEL_UNRANKED = /^panel (\d{4}): (\d+) municipalities have too little comparable weight to be ranked/;

/** Condenses `messages` to a few lines; messages that are not "left out" notes are kept as they are. */
export function summariseMessages(messages: readonly string[]): string[] {
  const current = new Map<string, number>();
  const panel = new Map<string, number>();
  const panelYears = new Set<string>();
  const other: string[] = [];
  const panelUnranked: string[] = [];
  for (const message of messages) {
    const unranked = PANEL_UNRANKED.exec(message);
    if (unranked) {
      panelUnranked.push(`${unranked[1]} ${unranked[2]}`);
      continue;
    }
    const match = LEFT_OUT.exec(message);
    if (!match) {
      other.push(message);
      continue;
    }
    const [, year, area, count] = match;
    const into = year ? panel : current;
    if (year) panelYears.add(year);
    into.set(area!, (into.get(area!) ?? 0) + Number(count));
  }
  const list = (counts: Map<string, number>) => [...counts].map(([area, n]) => `${area} ${n}`).join(', ');
  const lines = [...other];
  if (current.size)
    lines.push(`municipalities left out of an area (missing or unusable key figures): ${list(current)}`);
  if (panel.size) {
    const years = [...panelYears].sort();
    lines.push(`yearly panel ${years[0]}–${years.at(-1)}, left out summed over the years: ${list(panel)}`);
  }
  if (panelUnranked.length)
    lines.push(
      `yearly panel, not ranked for too little comparable weight (docs/method.md §3), per year: ${panelUnranked.join(', ')}`,
    );
  const condensed = messages.length - other.length;
  if (condensed > 0)
    lines.push(
      `${condensed} notes on left-out municipalities condensed above; --verbose lists each with its reason and codes`,
    );
  return lines;
}
