/** Worker thread of the bootstrap: runs a range of replicates and posts θ̂* back. */
import { parentPort, workerData } from 'node:worker_threads';
import { runReplicates, type PreparedProblem } from './replicates.ts';

const { prepared, states, first, last } = workerData as { prepared: PreparedProblem[]; states: number[][]; first: number; last: number };
const results = runReplicates(prepared, states, first, last);
parentPort!.postMessage(results, results.map((r) => r.buffer as ArrayBuffer));
