import type { AreaEfficiency, Peer } from '../load/types.ts';
import type { AreaModel } from './model-types.ts';
import type { AreaData } from './area-data.ts';
import type { AreaDeaDetail } from './types.ts';
import { runDea } from './dea/index.ts';

/** One area's DEA outcome per included municipality. */
export interface AreaOutcome {
  efficiency: AreaEfficiency;
  detail: AreaDeaDetail;
}

/**
 * Runs the area's DEA and turns each result into the efficiency-table fields: θ (exactly 1 when
 * efficient within 1e-6), cost, potential (1 − θ) × cost, and peers without the unit itself,
 * normalised to sum 1 (empty for efficient units).
 */
export async function analyseArea(model: AreaModel, data: AreaData): Promise<Map<string, AreaOutcome>> {
  const outcomes = new Map<string, AreaOutcome>();
  if (data.ids.length === 0) return outcomes;
  const results = await runDea({
    ids: data.ids,
    inputs: data.inputs,
    outputs: data.outputs,
    nonDiscretionary: model.structure.length ? data.nonDiscretionary : undefined,
    rts: model.rts,
  });
  results.forEach((r, j) => {
    const theta = r.efficient ? 1 : r.efficiency;
    const cost = data.costs[j]!;
    const others = r.peers.filter((p) => p.id !== r.id);
    const total = others.reduce((sum, p) => sum + p.lambda, 0);
    const jamforelse: Peer[] = r.efficient || total <= 0
      ? []
      : others.map((p) => ({ kommunkod: p.id, weight: p.lambda / total })).sort((a, b) => b.weight - a.weight);
    outcomes.set(r.id, {
      efficiency: { effektivitet: theta, kostnadKr: cost, potentialKr: (1 - theta) * cost, jamforelse },
      detail: {
        superEfficiency: r.superEfficiency,
        superInfeasible: r.superStatus === 'infeasible',
        weaklyEfficient: r.weaklyEfficient,
        inputTargets: Object.fromEntries(model.inputs.map((v, i) => [v.kpi, r.inputTargets[i]!])),
        outputTargets: Object.fromEntries(model.outputs.map((v, k) => [v.kpi, r.outputTargets[k]!])),
      },
    });
  });
  return outcomes;
}
