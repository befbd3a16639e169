/** Worker thread of the bootstrap: runs a range of replicates and posts θ̂* back. */
import { parentPort, workerData } from 'node:worker_threads';
import { runReplicates, type PreparedProblem } from './replicates.ts';

const { prepared, states, first, last, progress } = workerData as {
  prepared: PreparedProblem[];
  states: number[][];
  first: number;
  last: number;
  progress?: boolean;
};
// Every tenth replicate is plenty for a progress bar (a few hundred small messages per run).
const results = runReplicates(
  prepared,
  states,
  first,
  last,
  progress ? (done) => done % 10 === 0 && parentPort!.postMessage({ done }) : undefined,
);
parentPort!.postMessage(
  results,
  results.map((r) => r.buffer as ArrayBuffer),
);
