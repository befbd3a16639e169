/** Worker thread of the yearly panel: analyses the years it is given and posts each outcome back. */
import { parentPort, workerData } from 'node:worker_threads';
import type { KoladaSeries, Municipality } from '../../load/types.ts';
import type { DeaModel } from '../model-types.ts';
import { analyseYear } from './analyse-year.ts';

const { municipalities, series, models } = workerData as {
  municipalities: Municipality[];
  series: KoladaSeries;
  models: DeaModel[];
};
for (const model of models)
  parentPort!.postMessage({ year: model.year, outcome: await analyseYear(municipalities, series, model) });
