/** The words `data update` prints about the update's effect (pipeline/update/describe-update.ts). */
import { PipelineError, ExitCode } from '../errors.ts';
import type { Municipality } from '../load/types.ts';
import type { UpdateEffect } from '../update/describe-update.ts';

/** Title beside a code: `N15027 Kostnad grundskola …`, or the code alone when Kolada gave no title. */
export function withTitle(kpi: string, titles: ReadonlyMap<string, string>): string {
  const title = titles.get(kpi);
  return title ? `${kpi} ${title}` : kpi;
}

const year = (y: number | undefined) => (y === undefined ? 'none' : String(y));

/** The effect block of the summary; `dryRun` words it as what would happen. */
export function formatUpdateEffect(
  effect: UpdateEffect,
  titles: ReadonlyMap<string, string>,
  dryRun: boolean,
  populationKpi: string,
): string[] {
  const would = dryRun ? 'would ' : '';
  const { dataYear, population } = effect;
  const moves =
    dataYear.before === dataYear.after
      ? `stays at ${year(dataYear.after)}`
      : `${year(dataYear.before)} → ${year(dataYear.after)}`;
  const lines = [
    `Effect on the edition${dryRun ? ' (if written)' : ''}:`,
    `  data year (the latest in which every key figure of the model is complete): ${moves}`,
  ];
  const units = effect.areas.map((a) => `${a.area} ${a.before} → ${a.after}`).join(', ');
  lines.push(
    `  municipalities per area in the data year: ${units}${dataYear.before === dataYear.after ? '' : ` (${year(dataYear.before)} → ${year(dataYear.after)})`}`,
  );
  if (dataYear.after !== effect.targetYear && effect.areas.some((a) => a.inTarget !== undefined)) {
    lines.push(
      `  municipalities per area with complete ${effect.targetYear} figures: ${effect.areas.map((a) => `${a.area} ${a.inTarget ?? 0}`).join(', ')}`,
    );
  }
  if (effect.missing.length === 0) lines.push(`  every key figure of the model is complete for ${effect.targetYear}`);
  else {
    lines.push(`  still missing for ${effect.targetYear} (these hold the data year back):`);
    for (const m of effect.missing)
      lines.push(`    ${withTitle(m.kpi, titles)}: ${m.municipalities} municipalities, needs ${m.needed}`);
  }
  const popBefore = year(population.before);
  if (!population.stuck) {
    lines.push(
      `  kommuner.csv population (${populationKpi}): ${population.before === population.after ? `stays at ${popBefore}` : `${popBefore} → ${year(population.after)}`}`,
    );
  } else {
    lines.push(
      `WARN kommuner.csv ${would}stay${dryRun ? '' : 's'} at ${year(population.after)}: Kolada has the population (${withTitle(populationKpi, titles)}) for ${effect.targetYear} for ${population.covered} of ${population.total} municipalities` +
        (population.mixesYears ? `, while the data year moves to ${year(dataYear.after)}` : ''),
    );
  }
  return lines;
}

/**
 * The refusal when the data year would move past the population's year: the reports would divide
 * new costs by an older population without saying so. `--allow-old-population` accepts it.
 */
export function populationRefusal(
  effect: UpdateEffect,
  municipalities: Municipality[],
  titles: ReadonlyMap<string, string>,
  populationKpi: string,
): PipelineError {
  const names = new Map(municipalities.map((m) => [m.kommunkod, m.kommun]));
  const { population } = effect;
  const shown = population.lacking.slice(0, 10).map((code) => `${code} ${names.get(code) ?? ''}`.trim());
  return new PipelineError(
    `Cannot move kommuner.csv to ${effect.targetYear}: Kolada has the population (${withTitle(populationKpi, titles)}) for ${population.covered} of ${population.total} municipalities ` +
      `(missing: ${shown.join(', ')}${population.lacking.length > 10 ? ', …' : ''}); the data year would move to ${year(effect.dataYear.after)} while invanare stays at ${year(population.after)}. Nothing was written.`,
    {
      code: ExitCode.data,
      hint: `Wait until Kolada has ${populationKpi} ${effect.targetYear} for every municipality, or run again with --allow-old-population to write the key figures and keep the ${year(population.after)} population (per-inhabitant figures then use it).`,
    },
  );
}
