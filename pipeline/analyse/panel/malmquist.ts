/**
 * The Malmquist productivity index, input-oriented and CRS (Färe, Grosskopf, Norris & Zhang
 * 1994; docs/dea-spec.md §9), with θ (≤ 1 against its own period) so that a value above 1 always means
 * improvement, and M = EC × TC exactly.
 */
import { evaluateAgainst } from '../dea/evaluate-against.ts';

/** The four distance values of one unit between period t (from) and t+1 (to). */
export interface MalmquistDistances {
  /** θ^t(x^t, y^t) */
  ownFrom: number;
  /** θ^{t+1}(x^{t+1}, y^{t+1}) */
  ownTo: number;
  /** θ^t(x^{t+1}, y^{t+1}): the later point against the earlier technology. */
  toAgainstFrom: number;
  /** θ^{t+1}(x^t, y^t): the earlier point against the later technology. */
  fromAgainstTo: number;
}

/** Malmquist index and its decomposition; > 1 = improvement. */
export interface MalmquistIndex {
  malmquist: number;
  /** Catching up: EC = θ^{t+1}(x^{t+1}) / θ^t(x^t). */
  efficiencyChange: number;
  /** Frontier shift: TC = M / EC, the geometric mean of the two technology ratios. */
  technicalChange: number;
}

/** M, EC and TC from the four distances (docs/dea-spec.md §9). TC is computed as M / EC so the identity holds to the last bit. */
export function malmquistFromDistances(d: MalmquistDistances): MalmquistIndex {
  const malmquist = Math.sqrt((d.toAgainstFrom / d.ownFrom) * (d.ownTo / d.fromAgainstTo));
  const efficiencyChange = d.ownTo / d.ownFrom;
  return { malmquist, efficiencyChange, technicalChange: malmquist / efficiencyChange };
}

/** One period's data: units with complete data (the reference set of that period). */
export interface PeriodData {
  ids: readonly string[];
  inputs: readonly (readonly number[])[];
  outputs: readonly (readonly number[])[];
}

/** A unit's Malmquist result between two periods. */
export interface UnitMalmquist extends MalmquistIndex {
  id: string;
  distances: MalmquistDistances;
}

/**
 * The Malmquist index of every unit present in both periods; each period's reference set is
 * all of its units. Units a cross-period LP cannot evaluate (an output nobody in the other
 * period produces) are left out rather than given an invented value.
 */
export async function malmquistBetween(from: PeriodData, to: PeriodData): Promise<UnitMalmquist[]> {
  const toIndex = new Map(to.ids.map((id, j) => [id, j]));
  const common = from.ids
    .map((id, j) => [id, j, toIndex.get(id)] as const)
    .filter((c): c is readonly [string, number, number] => c[2] !== undefined);
  const pick = (p: PeriodData, rows: number[]) => ({
    inputs: rows.map((j) => p.inputs[j]!),
    outputs: rows.map((j) => p.outputs[j]!),
  });
  const fromRows = common.map((c) => c[1]);
  const toRows = common.map((c) => c[2]);
  const [ownFrom, ownTo, toAgainstFrom, fromAgainstTo] = await Promise.all([
    evaluateAgainst(from, pick(from, fromRows)),
    evaluateAgainst(to, pick(to, toRows)),
    evaluateAgainst(from, pick(to, toRows)),
    evaluateAgainst(to, pick(from, fromRows)),
  ]);
  const results: UnitMalmquist[] = [];
  common.forEach(([id], k) => {
    const d = {
      ownFrom: ownFrom[k],
      ownTo: ownTo[k],
      toAgainstFrom: toAgainstFrom[k],
      fromAgainstTo: fromAgainstTo[k],
    };
    if (Object.values(d).some((v) => v === null || v === undefined || !(v > 0))) return;
    const distances = d as MalmquistDistances;
    results.push({ id, distances, ...malmquistFromDistances(distances) });
  });
  return results;
}
