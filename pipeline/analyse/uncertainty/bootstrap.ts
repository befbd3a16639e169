/**
 * Simar–Wilson (1998) smoothed bootstrap for several DEA problems at once (docs/dea-spec.md §7, §7a):
 * all problems share each replicate's random stream, so a replicate is one draw of every area's
 * pseudo frontier, from which composites and ranks are formed (attach-uncertainty.ts).
 * The replicates are split over worker threads; results are identical for any split.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { prepareProblem, runReplicates, type BootstrapProblem, type PreparedProblem } from './replicates.ts';
import { replicateStates } from './random.ts';
import { DEFAULT_REPLICATES, DEFAULT_SEED } from './defaults.ts';
import { workerEntry } from '../worker-entry.ts';

/** How to run the bootstrap. */
export interface BootstrapSettings {
  /** Number of replicates B (docs/dea-spec.md asks ≥ 2000). 0 switches the bootstrap off. */
  replicates: number;
  /** Seed of the random generator; the same seed gives the same figures. */
  seed: number;
  /** Worker threads (default: one per core for large runs, none below ~200 000 LPs). */
  workers?: number;
  /** Called as replicates complete (summed over the workers), for a progress bar; not part of the result. */
  onProgress?: (done: number, total: number) => void;
}

/** Below about this many LPs per worker, threads cost more than they save. */
const MIN_LPS_PER_WORKER = 100_000;

/** Default settings: B = 2000 (Simar & Wilson's recommendation for intervals) and a fixed seed. */
export const DEFAULT_BOOTSTRAP: BootstrapSettings = { replicates: DEFAULT_REPLICATES, seed: DEFAULT_SEED };

/** θ̂* per problem as a replicate-major B × n array, with the prepared problems. */
export interface BootstrapReplicates {
  prepared: PreparedProblem[];
  /** thetaStar[a][b·n + o]: unit o of problem a against replicate b's pseudo frontier. */
  thetaStar: Float64Array[];
  replicates: number;
  seed: number;
}

/** Runs B replicates of every problem. */
export async function bootstrapReplicates(
  problems: readonly BootstrapProblem[],
  settings: BootstrapSettings,
): Promise<BootstrapReplicates> {
  const B = settings.replicates;
  if (!Number.isInteger(B) || B < 1) throw new Error(`Internal error: bootstrap needs B ≥ 1 replicates, got ${B}`);
  const prepared = problems.map(prepareProblem);
  const states = replicateStates(settings.seed, B);
  // A worker costs a thread start and a module load (~0.1–1 s): worth it only for large runs.
  const lps = B * prepared.reduce((sum, p) => sum + p.n, 0);
  const wanted = settings.workers ?? (lps < MIN_LPS_PER_WORKER * 2 ? 1 : availableParallelism());
  const workers = Math.max(1, Math.min(wanted, Math.ceil(B / 50)));
  const report = settings.onProgress;
  const parts =
    workers === 1
      ? [runReplicates(prepared, states, 0, B, report && ((done) => report(done, B)))]
      : await runInWorkers(prepared, states, workers, report && ((done) => report(done, B)));
  report?.(B, B);
  const thetaStar = prepared.map((p, a) => {
    const all = new Float64Array(B * p.n);
    let offset = 0;
    for (const part of parts) {
      all.set(part[a]!, offset);
      offset += part[a]!.length;
    }
    return all;
  });
  return { prepared, thetaStar, replicates: B, seed: settings.seed };
}

/** Contiguous replicate ranges, one per worker, run in parallel. */
async function runInWorkers(
  prepared: PreparedProblem[],
  states: number[][],
  workers: number,
  onDone?: (done: number) => void,
): Promise<Float64Array[][]> {
  const B = states.length;
  const doneBy = new Array<number>(workers).fill(0);
  const ranges = Array.from(
    { length: workers },
    (_, w) => [Math.floor((w * B) / workers), Math.floor(((w + 1) * B) / workers)] as const,
  );
  const entry = workerEntry(import.meta.url, 'bootstrap-worker', './bootstrap-worker.ts');
  return Promise.all(
    ranges.map(
      ([first, last], w) =>
        new Promise<Float64Array[]>((resolve, reject) => {
          const worker = new Worker(entry.code, {
            eval: entry.eval,
            workerData: { prepared, states, first, last, progress: Boolean(onDone) },
          });
          // Progress messages ({ done }) come before the result (the θ̂* arrays).
          worker.on('message', (message: Float64Array[] | { done: number }) => {
            if (!Array.isArray(message)) {
              doneBy[w] = message.done;
              onDone?.(doneBy.reduce((sum, n) => sum + n, 0));
            } else resolve(message);
          });
          worker.once('error', reject);
          worker.once('exit', (code) => {
            if (code !== 0) reject(new Error(`Internal error: bootstrap worker exited with code ${code}`));
          });
        }),
    ),
  );
}
