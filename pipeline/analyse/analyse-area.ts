import type { AreaEfficiency, Peer } from '../load/types.ts';
import { DEFAULT_SUPER_EFFICIENCY_MAX, type AreaModel, type Screening } from './model-types.ts';
import { areaProblem, type AreaData, type AreaProblem } from './area-data.ts';
import type { AreaDeaDetail, ScreeningOutcome } from './types.ts';
export type { ScreeningOutcome } from './types.ts';
import { runDea, type DeaResult } from './dea/index.ts';
import { radialEfficiencies } from './radial-efficiencies.ts';
import { structureExtremes } from './structure-extremes.ts';

/** Flag codes of `flagga_<omrade>` (docs/method.md §2.7). */
export const FLAG_CODES = {
  /** Efficient only because no comparable municipality exists (own only reference under Banker–Morey). */
  selfReference: 'egen_referens',
  /** Efficient on a satisfaction figure from too few users. */
  smallSurvey: 'litet_underlag',
  /** Super-efficiency above the screening threshold (Banker & Chang 2006). */
  superOutlier: 'extrem',
} as const;

/** One area's DEA outcome per included municipality. */
export interface AreaOutcome {
  efficiency: AreaEfficiency;
  detail: AreaDeaDetail;
}

/** An area's outcomes and the two DEA problems behind them (adjusted = published, and unadjusted). */
export interface AreaAnalysis {
  outcomes: Map<string, AreaOutcome>;
  problem: AreaProblem;
  unadjustedProblem: AreaProblem;
  screened: ScreeningOutcome;
}

/**
 * Runs the area's DEA with the structure variables (the published θ) and without them (the
 * unadjusted view), screens the frontier and solves both again (dea-spec §11):
 * 1. first pass, with the incomplete units (a structure figure missing) and the units whose
 *    survey output rests on fewer users than the model's `surveyBase.min` already out of the
 *    others' reference sets (dea-spec §10–11);
 * 2. efficient units of the first pass are screened out of the others' reference sets when
 *    (a) they have no comparable municipality (`ojamforbar`: their only reference is
 *    themselves), or (b) their Andersen–Petersen super-efficiency exceeds
 *    `screening.superEfficiencyMax` (Banker & Chang 2006);
 * 3. second pass with those units out of every other unit's reference set: the others' θ, peers
 *    and targets are recomputed; a screened unit is still evaluated against every unit, so its
 *    own θ is kept, with its flag.
 * The table fields: θ (exactly 1 when efficient within 1e-6), cost, potential (1 − θ) × cost
 * (none for a proxy cost base or a unit without a comparable municipality), peers without the unit
 * itself normalised to sum 1, `effektivitetOjusterad`, `ojamforbar`, `saknas` and `flagga`.
 */
export async function analyseArea(
  model: AreaModel,
  data: AreaData,
  screening: Screening = { superEfficiencyMax: DEFAULT_SUPER_EFFICIENCY_MAX },
): Promise<AreaAnalysis> {
  const empty: ScreeningOutcome = { selfReference: [], smallSurvey: [], superOutlier: [] };
  if (data.ids.length === 0) {
    return {
      outcomes: new Map(),
      problem: areaProblem(model, data, true),
      unadjustedProblem: areaProblem(model, data, false),
      screened: empty,
    };
  }
  // Small survey bases do not depend on the scores: those units are out of the others' reference
  // sets from the first pass on; the score-based rules screen the first pass's efficient units.
  const flags = data.ids.map((_, j) => (smallSurveyBase(model, data, j) ? [FLAG_CODES.smallSurvey as string] : []));
  const first = await solveBoth(
    model,
    data,
    flags.map((f) => f.length > 0),
  );
  data.ids.forEach((_, j) =>
    flags[j]!.push(...screenFlags(screening, first.adjusted[j]!, first.unadjusted[j]!, first.crs[j]!)),
  );
  const excluded = flags.map((f) => f.length > 0);
  const final = excluded.some((e, j) => e && !flags[j]!.every((f) => f === FLAG_CODES.smallSurvey))
    ? await solveBoth(model, data, excluded)
    : first;
  const screened: ScreeningOutcome = { selfReference: [], smallSurvey: [], superOutlier: [] };
  const unknown = data.ids.filter((_, j) => unknownSurveyBase(model, data, j));
  if (unknown.length) screened.surveyBaseUnknown = unknown;
  flags.forEach((f, j) => {
    if (f.includes(FLAG_CODES.selfReference)) screened.selfReference.push(data.ids[j]!);
    if (f.includes(FLAG_CODES.smallSurvey)) screened.smallSurvey.push(data.ids[j]!);
    if (f.includes(FLAG_CODES.superOutlier)) screened.superOutlier.push(data.ids[j]!);
  });
  const { adjusted, unadjusted, crs, problem, unadjustedProblem } = final;
  // Which of the incomparable units are so already by their structure alone (detail only).
  const structureCount = model.structure.length;
  const candidates = adjusted.flatMap((r, j) => (isIncomparable(r, unadjusted[j]!, crs[j]!) ? [j] : []));
  const extremes = structureCount ? await structureExtremes(data.nonDiscretionary, candidates) : new Set<number>();
  const outcomes = new Map<string, AreaOutcome>();
  adjusted.forEach((r, j) => {
    const theta = score(r);
    const thetaUnadjusted = unadjusted[j]!;
    const cost = data.costs[j]!;
    // A unit that lost its last comparable reference with the screened ones is flagged too (and
    // counted at the median), but it was no outlier: it stays in the others' reference sets.
    const ojamforbar = isIncomparable(r, thetaUnadjusted, crs[j]!) || flags[j]!.includes(FLAG_CODES.selfReference);
    const flagga = [...new Set([...flags[j]!, ...(ojamforbar ? [FLAG_CODES.selfReference] : [])])];
    const others = r.peers.filter((p) => p.id !== r.id);
    const total = others.reduce((sum, p) => sum + p.lambda, 0);
    const jamforelse: Peer[] =
      r.efficient || total <= 0
        ? []
        : others.map((p) => ({ kommunkod: p.id, weight: p.lambda / total })).sort((a, b) => b.weight - a.weight);
    const notes = data.notes.get(r.id);
    outcomes.set(r.id, {
      efficiency: {
        effektivitet: theta,
        kostnadKr: cost,
        potentialKr: model.cost.proxy || ojamforbar ? null : (1 - theta) * cost,
        jamforelse,
        effektivitetOjusterad: thetaUnadjusted,
        ojamforbar,
        saknas: notes?.length ? notes.join(';') : null,
        flagga: flagga.length ? flagga.join(';') : null,
      },
      detail: {
        superEfficiency: r.superEfficiency,
        superInfeasible: r.superStatus === 'infeasible',
        weaklyEfficient: r.weaklyEfficient,
        structureExtreme: extremes.has(j),
        crsUnadjusted: crs[j]!,
        inputTargets: Object.fromEntries(model.inputs.map((v, i) => [v.kpi, r.inputTargets[i]!])),
        outputTargets: Object.fromEntries(model.outputs.map((v, k) => [v.kpi, r.outputTargets[k]!])),
        ...(structureCount
          ? {}
          : {
              unadjustedSuperEfficiency: r.superEfficiency,
              unadjustedSuperInfeasible: r.superStatus === 'infeasible',
            }),
      },
    });
  });
  return { outcomes, problem, unadjustedProblem, screened };
}

/** Both views of the area, with `excluded` units out of the others' reference sets. */
async function solveBoth(model: AreaModel, data: AreaData, excluded?: boolean[]) {
  const problem = areaProblem(model, data, true, excluded);
  // The unadjusted view compares every unit with every other (no structure, no screening) unless
  // the area has no structure variables: then both views are the same problem.
  const unadjustedProblem = model.structure.length ? areaProblem(model, data, false) : problem;
  const adjusted = await runDea(problem);
  // The unadjusted view needs θ only: one phase-1 LP per unit instead of three (its rank ties,
  // which need efficiency in every area a unit has, fall back to kommunkod).
  const unadjusted = model.structure.length ? await radialEfficiencies(unadjustedProblem) : adjusted.map(score);
  // Constant returns, no structure: is the unit efficient without the VRS and Banker–Morey defaults?
  const crs = await radialEfficiencies({ ...unadjustedProblem, rts: 'crs' });
  return { problem, unadjustedProblem, adjusted, unadjusted, crs };
}

/** The score-based screening rules for an efficient unit (dea-spec §11): self-reference, outlying super-efficiency; [] for none. */
export function screenFlags(screening: Screening, r: DeaResult, thetaUnadjusted: number, thetaCrs: number): string[] {
  if (!r.efficient) return [];
  const flags: string[] = [];
  if (isIncomparable(r, thetaUnadjusted, thetaCrs)) flags.push(FLAG_CODES.selfReference);
  if (r.superStatus === 'ok' && r.superEfficiency !== null && r.superEfficiency > screening.superEfficiencyMax)
    flags.push(FLAG_CODES.superOutlier);
  return flags;
}

/**
 * A survey output of unit j rests on a KNOWN number of users below the model's `surveyBase.min`.
 * Such a unit sets no other unit's target, efficient or not: under Banker–Morey an inefficient unit
 * can still be another's peer. A user count missing for the year and the one before is unknown,
 * not small: it does not screen the unit (`unknownSurveyBase` reports it to the analyst).
 */
export function smallSurveyBase(model: AreaModel, data: AreaData, j: number): boolean {
  return surveyBaseStates(model, data, j).includes('small');
}

/** A survey output of unit j whose user count is missing for the year and the one before. */
export function unknownSurveyBase(model: AreaModel, data: AreaData, j: number): boolean {
  return surveyBaseStates(model, data, j).includes('unknown');
}

/** Per survey output the unit reports (> 0): its user count is small, unknown or enough. */
function surveyBaseStates(model: AreaModel, data: AreaData, j: number): ('small' | 'unknown' | 'ok')[] {
  const users = data.surveyUsers[j] ?? {};
  return model.surveyBases.flatMap((b) => {
    const k = model.outputs.findIndex((v) => v.kpi === b.output);
    if (k < 0 || !(data.outputs[j]![k]! > 0)) return [];
    const n = users[b.output];
    return [n === undefined ? 'unknown' : n < b.min ? 'small' : 'ok'];
  });
}

/** θ as published: exactly 1 for an efficient unit. */
function score(r: DeaResult): number {
  return r.efficient ? 1 : r.efficiency;
}

/**
 * "No comparable municipality" (`ojamforbar`, flag `egen_referens`, docs/method.md §2.6–2.7):
 * (1) efficient with the structure adjustment, (2) its super-efficiency LP infeasible: no convex
 * combination of the other municipalities is at least as hard-placed in every structure variable
 * AND reaches its results, whatever they cost, so its cost was never compared with anyone's, and
 * (3) NOT efficient on its cost and results alone: either other municipalities reach its results
 * more cheaply but are better placed (θ without structure < 1), or it is efficient without them
 * only by the VRS default of having the highest value of some result (θ under constant returns
 * without structure < 1: scaled, others deliver its results for less). A unit efficient on its
 * own cost and results under both (the cheapest with the best results) is not flagged.
 */
export function isIncomparable(adjusted: DeaResult, unadjustedTheta: number, crsTheta = unadjustedTheta): boolean {
  return adjusted.efficient && adjusted.superStatus === 'infeasible' && (unadjustedTheta < 1 || crsTheta < 1);
}
