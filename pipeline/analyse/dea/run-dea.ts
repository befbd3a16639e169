import type { DeaPeer, DeaProblem, DeaResult } from './types.ts';
import { EFFICIENT_TOLERANCE, PEER_TOLERANCE } from './types.ts';
import { loadHighs } from './highs-runtime.ts';
import { normaliseProblem, type NormalisedProblem } from './normalise-problem.ts';
import { RadialModel } from './radial-model.ts';
import { SlackModel, type SlackSolution } from './slack-model.ts';

/** Slacks below this (in mean-normalised units) count as zero when flagging weak efficiency. */
const SLACK_TOLERANCE = 1e-6;

/**
 * Input-oriented DEA (CCR or BCC) for every unit: radial efficiency, phase-2 slacks, targets,
 * peers and Andersen–Petersen super-efficiency, as specified in docs/dea-spec.md §1–4.
 * Pure apart from the shared HiGHS runtime. Throws `DeaInputError` for unusable data.
 */
export async function runDea(problem: DeaProblem): Promise<DeaResult[]> {
  const p = normaliseProblem(problem);
  const highs = await loadHighs();
  const radial = new RadialModel(highs, p, problem.rts);
  const slack = new SlackModel(highs, p, problem.rts);
  try {
    return problem.ids.map((id, o) => {
      const phase1 = radial.solve(o);
      if (phase1.status !== 'optimal') {
        throw new Error(
          `Internal error: the DEA LP for unit ${id} is infeasible although the unit is its own reference`,
        );
      }
      const theta = Math.min(1, phase1.theta);
      const phase2 = slack.solve(o, theta) ?? slacksFromLambda(p, o, theta, phase1.lambda);
      const efficient = theta >= 1 - EFFICIENT_TOLERANCE;
      let superEfficiency: number | null = theta;
      let superStatus: DeaResult['superStatus'] = 'skipped';
      if (problem.superEfficiency !== false) {
        const sup = radial.solve(o, true);
        superStatus = sup.status === 'optimal' ? 'ok' : 'infeasible';
        superEfficiency = sup.status === 'optimal' ? sup.theta : null;
      }
      return toResult(problem, p, o, theta, phase2, efficient, superEfficiency, superStatus);
    });
  } finally {
    radial.dispose();
    slack.dispose();
  }
}

function toResult(
  problem: DeaProblem,
  p: NormalisedProblem,
  o: number,
  theta: number,
  phase2: SlackSolution,
  efficient: boolean,
  superEfficiency: number | null,
  superStatus: DeaResult['superStatus'],
): DeaResult {
  const peers: DeaPeer[] = [];
  phase2.lambda.forEach((lambda, index) => {
    if (lambda > PEER_TOLERANCE) peers.push({ index, id: problem.ids[index]!, lambda });
  });
  const inputSlacks = phase2.inputSlacks.map((v, i) => v * p.xScale[i]!);
  const outputSlacks = phase2.outputSlacks.map((v, r) => v * p.yScale[r]!);
  const hasSlack = [...phase2.inputSlacks, ...phase2.outputSlacks].some((v) => v > SLACK_TOLERANCE);
  return {
    id: problem.ids[o]!,
    efficiency: theta,
    superEfficiency,
    superStatus,
    efficient,
    weaklyEfficient: efficient && hasSlack,
    inputSlacks,
    outputSlacks,
    inputTargets: problem.inputs[o]!.map((v, i) => theta * v - inputSlacks[i]!),
    outputTargets: problem.outputs[o]!.map((v, r) => v + outputSlacks[r]!),
    peers,
  };
}

/** Fallback when the phase-2 LP fails: the slacks the phase-1 λ leaves. */
function slacksFromLambda(p: NormalisedProblem, o: number, theta: number, lambda: Float64Array): SlackSolution {
  const sum = (column: (j: number) => number) => p.x.reduce((acc, _, j) => acc + lambda[j]! * column(j), 0);
  return {
    lambda: Float64Array.from(lambda),
    inputSlacks: p.x[o]!.map((v, i) => Math.max(0, theta * v - sum((j) => p.x[j]![i]!))),
    outputSlacks: p.y[o]!.map((v, r) => Math.max(0, sum((j) => p.y[j]![r]!) - v)),
  };
}
