/** Inputs and results of the DEA engine. See docs/dea-spec.md. */

/** Returns to scale: CCR (constant) or BCC (variable). */
export type ReturnsToScale = 'crs' | 'vrs';

/** One DEA problem: n units, m inputs, s outputs, optional non-discretionary inputs. */
export interface DeaProblem {
  /** Unit identifiers, length n, unique. */
  ids: string[];
  /** n × m, strictly positive. The first input is the cost (used for potentials by callers). */
  inputs: number[][];
  /** n × s, non-negative, at least one positive value per unit. */
  outputs: number[][];
  /**
   * n × k non-discretionary inputs (Banker & Morey 1986), oriented so that a LARGER value is
   * MORE favourable; any sign. They constrain the reference set (Σλz ≤ z_o) but are not
   * contracted by θ.
   */
  nonDiscretionary?: number[][];
  rts: ReturnsToScale;
  /** Compute Andersen–Petersen super-efficiency (default true). */
  superEfficiency?: boolean;
}

/** A unit in another unit's reference set. */
export interface DeaPeer {
  /** Index into `ids`. */
  index: number;
  id: string;
  /** λ_j from the phase-2 LP (not normalised). */
  lambda: number;
}

/** Result for one unit. */
export interface DeaResult {
  id: string;
  /** Radial efficiency θ* in (0, 1]. */
  efficiency: number;
  /**
   * Andersen–Petersen super-efficiency: ≥ 1 for efficient units, = θ* for inefficient ones.
   * `null` when the LP is infeasible (possible under VRS; see `superStatus`).
   */
  superEfficiency: number | null;
  superStatus: 'ok' | 'infeasible' | 'skipped';
  /** θ* ≥ 1 − 1e-6. */
  efficient: boolean;
  /** θ* = 1 but some slack is positive (not Pareto–Koopmans efficient). */
  weaklyEfficient: boolean;
  /** Phase-2 slacks in original units. */
  inputSlacks: number[];
  outputSlacks: number[];
  /** Targets x̂ = θ*x − s⁻ and ŷ = y + s⁺, original units. */
  inputTargets: number[];
  outputTargets: number[];
  /** Units with λ > 1e-6 (may include the unit itself). */
  peers: DeaPeer[];
}

/** Efficient ⇔ θ* ≥ 1 − EFFICIENT_TOLERANCE (docs/dea-spec.md §0). */
export const EFFICIENT_TOLERANCE = 1e-6;
/** Peer ⇔ λ_j > PEER_TOLERANCE (docs/dea-spec.md §0). */
export const PEER_TOLERANCE = 1e-6;
