/**
 * A dense simplex solver written for the shape of the input-oriented DEA envelopment LP
 * (docs/dea-spec.md §1, §6a), used where HiGHS-Wasm is too slow: the bootstrap solves millions of them.
 *
 *   min θ  s.t.  Σ_j λ_j x_ij − θ x_io ≤ 0      (i = 1..m)
 *                −Σ_j λ_j y_rj ≤ −y_ro           (r = 1..s)
 *                Σ_j λ_j z_kj ≤ z_ko             (k = 1..K, Banker–Morey)
 *                Σ_j λ_j = 1                     (VRS only)
 *                λ ≥ 0, θ ≥ 0
 *
 * The LP has few rows (R = m + s + K + 1, typically 4–6) and n ≈ 300 columns, so the basis
 * inverse is a tiny dense matrix that is simply recomputed after every pivot (no update drift),
 * and one pivot costs about one pass over the n × R reference matrix. θ ≥ 0 loses nothing: with
 * outputs ≥ 0 (one positive) and inputs > 0 every feasible λ gives Σλx > 0, so θ* > 0.
 *
 * Between solves the reference matrix stays fixed and only the evaluated point (x_o, y_o, z_o)
 * changes; the solver keeps the last optimal basis and restarts from it: primal simplex when it
 * is still primal feasible, dual simplex when it is still dual feasible (always the case with one
 * input: moving to another unit only rescales θ's column, which rescales the duals), otherwise a
 * cold two-phase start. Infeasible LPs (VRS super-efficiency, λ_o excluded) are detected in
 * phase 1. Checked against HiGHS on every LP of a full analysis in tests/unit/analyse.
 */

/** Outcome of one LP. */
export type SimplexOutcome = { status: 'optimal'; theta: number } | { status: 'infeasible' };

const PRIMAL_TOL = 1e-9;
const DUAL_TOL = 1e-9;
const PIVOT_TOL = 1e-9;
const SINGULAR_TOL = 1e-11;
const MAX_ITERATIONS = 5000;
/** After this many pivots without progress, Bland's rule guarantees termination. */
const DEGENERATE_LIMIT = 50;

export interface EnvelopmentShape {
  /** Number of reference units (columns λ). */
  n: number;
  /** Inputs (contracted by θ), outputs, non-discretionary inputs. */
  m: number;
  s: number;
  k: number;
  vrs: boolean;
}

/** The envelopment LP for one reference set; evaluate any point against it with `solve`. */
export class EnvelopmentSimplex {
  readonly rows: number;
  private readonly n: number;
  private readonly m: number;
  private readonly s: number;
  private readonly k: number;
  private readonly vrs: boolean;
  /** Reference columns, column-major: a[j·R + row]. */
  private readonly a: Float64Array;
  private readonly b: Float64Array;
  private readonly thetaCol: Float64Array;
  /** Sign of each row's artificial column in the current cold start. */
  private readonly artSign: Float64Array;
  private readonly basis: Int32Array;
  private readonly basic: Uint8Array;
  private readonly binv: Float64Array;
  private readonly work: Float64Array;
  private readonly xB: Float64Array;
  private readonly pi: Float64Array;
  private readonly alpha: Float64Array;
  private readonly col: Float64Array;
  private hasBasis = false;
  private exclude = -1;
  private phase1 = false;
  /** Pivots of the last solve (for benchmarks and tests). */
  lastPivots = 0;
  /** How the last solve started: from the kept basis (primal/dual) or cold. */
  lastStart: 'primal' | 'dual' | 'cold' = 'cold';

  constructor(shape: EnvelopmentShape) {
    const { n, m, s, k, vrs } = shape;
    if (n < 1 || m < 1 || s < 1)
      throw new Error(`Internal error: envelopment LP needs n, m, s ≥ 1 (got ${n}, ${m}, ${s})`);
    this.n = n;
    this.m = m;
    this.s = s;
    this.k = k;
    this.vrs = vrs;
    const R = (this.rows = m + s + k + (vrs ? 1 : 0));
    this.a = new Float64Array(n * R);
    if (vrs) for (let j = 0; j < n; j++) this.a[j * R + R - 1] = 1;
    this.b = new Float64Array(R);
    if (vrs) this.b[R - 1] = 1;
    this.thetaCol = new Float64Array(R);
    this.artSign = new Float64Array(R).fill(1);
    this.basis = new Int32Array(R);
    this.basic = new Uint8Array(n + 1 + 2 * R);
    this.binv = new Float64Array(R * R);
    this.work = new Float64Array(R * 2 * R);
    this.xB = new Float64Array(R);
    this.pi = new Float64Array(R);
    this.alpha = new Float64Array(R);
    this.col = new Float64Array(R);
  }

  /** Sets reference unit j's inputs (length m). */
  setInputs(j: number, x: ArrayLike<number>): void {
    const base = j * this.rows;
    for (let i = 0; i < this.m; i++) this.a[base + i] = x[i]!;
  }

  /** Sets reference unit j's outputs (length s). */
  setOutputs(j: number, y: ArrayLike<number>): void {
    const base = j * this.rows + this.m;
    for (let r = 0; r < this.s; r++) this.a[base + r] = -y[r]!;
  }

  /** Sets reference unit j's non-discretionary inputs (length k, larger = more favourable). */
  setStructure(j: number, z: ArrayLike<number>): void {
    const base = j * this.rows + this.m + this.s;
    for (let q = 0; q < this.k; q++) this.a[base + q] = z[q]!;
  }

  /**
   * Minimal θ of the point (x_o, y_o, z_o) against the reference set; `exclude` ≥ 0 removes
   * that reference unit (Andersen–Petersen super-efficiency).
   */
  solve(xo: ArrayLike<number>, yo: ArrayLike<number>, zo: ArrayLike<number>, exclude = -1): SimplexOutcome {
    const { m, s, k } = this;
    for (let i = 0; i < m; i++) {
      this.thetaCol[i] = -xo[i]!;
      this.b[i] = 0;
    }
    for (let r = 0; r < s; r++) this.b[m + r] = -yo[r]!;
    for (let q = 0; q < k; q++) this.b[m + s + q] = zo[q]!;
    this.exclude = exclude;
    this.lastPivots = 0;
    if (this.hasBasis && this.warmStart()) return this.result();
    this.hasBasis = false;
    this.lastStart = 'cold';
    if (!this.coldStart()) return { status: 'infeasible' };
    return this.result();
  }

  /** λ of the last optimal solution (length n). */
  lambda(): Float64Array {
    const out = new Float64Array(this.n);
    for (let p = 0; p < this.rows; p++) if (this.basis[p]! < this.n) out[this.basis[p]!] = Math.max(0, this.xB[p]!);
    return out;
  }

  private result(): SimplexOutcome {
    for (let p = 0; p < this.rows; p++) if (this.basis[p] === this.n) return { status: 'optimal', theta: this.xB[p]! };
    return { status: 'optimal', theta: 0 };
  }

  // Variables: 0..n−1 λ_j, n θ, n+1+r slack of row r (none for the convexity row),
  // n+1+R+r artificial of row r (phase 1 only).

  private eligible(j: number): boolean {
    if (this.basic[j]) return false;
    if (j === this.exclude) return false;
    const R = this.rows;
    if (j > this.n + R) return false; // an artificial never re-enters
    if (j > this.n && this.vrs && j === this.n + R) return false; // convexity row has no slack
    return true;
  }

  private column(j: number, out: Float64Array): void {
    const R = this.rows;
    if (j < this.n) {
      const base = j * R;
      for (let r = 0; r < R; r++) out[r] = this.a[base + r]!;
      return;
    }
    out.fill(0);
    if (j === this.n) out.set(this.thetaCol);
    else if (j <= this.n + R) out[j - this.n - 1] = 1;
    else out[j - this.n - 1 - R] = this.artSign[j - this.n - 1 - R]!;
  }

  /** π·a_j without materialising the column. */
  private dot(pi: Float64Array, j: number): number {
    const R = this.rows;
    if (j < this.n) {
      const base = j * R;
      let sum = 0;
      for (let r = 0; r < R; r++) sum += pi[r]! * this.a[base + r]!;
      return sum;
    }
    if (j === this.n) {
      let sum = 0;
      for (let i = 0; i < this.m; i++) sum += pi[i]! * this.thetaCol[i]!;
      return sum;
    }
    if (j <= this.n + R) return pi[j - this.n - 1]!;
    const r = j - this.n - 1 - R;
    return pi[r]! * this.artSign[r]!;
  }

  private cost(j: number): number {
    if (this.phase1) return j > this.n + this.rows ? 1 : 0;
    return j === this.n ? 1 : 0;
  }

  /** Inverts the basis matrix (Gauss–Jordan, partial pivoting); false when singular. */
  private factor(): boolean {
    const R = this.rows;
    const W = 2 * R;
    const w = this.work;
    for (let p = 0; p < R; p++) {
      this.column(this.basis[p]!, this.col);
      for (let r = 0; r < R; r++) {
        w[r * W + p] = this.col[r]!;
        w[r * W + R + p] = r === p ? 1 : 0;
      }
    }
    for (let c = 0; c < R; c++) {
      let best = c;
      for (let r = c + 1; r < R; r++) if (Math.abs(w[r * W + c]!) > Math.abs(w[best * W + c]!)) best = r;
      const pivot = w[best * W + c]!;
      if (Math.abs(pivot) < SINGULAR_TOL) return false;
      if (best !== c) {
        for (let q = 0; q < W; q++) {
          const t = w[c * W + q]!;
          w[c * W + q] = w[best * W + q]!;
          w[best * W + q] = t;
        }
      }
      for (let q = 0; q < W; q++) w[c * W + q]! /= pivot;
      for (let r = 0; r < R; r++) {
        if (r === c) continue;
        const f = w[r * W + c]!;
        if (f === 0) continue;
        for (let q = 0; q < W; q++) w[r * W + q]! -= f * w[c * W + q]!;
      }
    }
    for (let r = 0; r < R; r++) for (let q = 0; q < R; q++) this.binv[r * R + q] = w[r * W + R + q]!;
    return true;
  }

  private computeXB(): void {
    const R = this.rows;
    for (let r = 0; r < R; r++) {
      let sum = 0;
      for (let q = 0; q < R; q++) sum += this.binv[r * R + q]! * this.b[q]!;
      this.xB[r] = sum;
    }
  }

  private computePi(): void {
    const R = this.rows;
    this.pi.fill(0);
    for (let p = 0; p < R; p++) {
      const c = this.cost(this.basis[p]!);
      if (c === 0) continue;
      for (let q = 0; q < R; q++) this.pi[q]! += c * this.binv[p * R + q]!;
    }
  }

  private totalVariables(): number {
    return this.n + 1 + 2 * this.rows;
  }

  private reducedCost(j: number): number {
    return this.cost(j) - this.dot(this.pi, j);
  }

  private setBasis(position: number, j: number): void {
    this.basic[this.basis[position]!] = 0;
    this.basis[position] = j;
    this.basic[j] = 1;
  }

  /**
   * Restarts from the kept basis: dual simplex while it is primal infeasible (ratios with
   * negative reduced costs clamped to 0), then primal simplex, whose pricing certifies
   * optimality whatever the dual simplex left. False sends the caller to a cold start.
   */
  private warmStart(): boolean {
    const R = this.rows;
    for (let p = 0; p < R; p++) {
      const j = this.basis[p]!;
      if (j === this.exclude || j > this.n + R) return false;
    }
    this.phase1 = false;
    if (!this.factor()) return false;
    this.computeXB();
    let primalFeasible = true;
    for (let p = 0; p < R; p++) if (this.xB[p]! < -PRIMAL_TOL) primalFeasible = false;
    this.lastStart = primalFeasible ? 'primal' : 'dual';
    if (!primalFeasible && this.dual() !== 'optimal') return false;
    return this.primal() === 'optimal';
  }

  /** Phase 1 from a slack/artificial basis, then phase 2. False when infeasible. */
  private coldStart(): boolean {
    const R = this.rows;
    const n = this.n;
    this.basic.fill(0);
    const convexity = this.vrs ? R - 1 : -1;
    let artificials = 0;
    for (let r = 0; r < R; r++) {
      if (r !== convexity && this.b[r]! >= 0) {
        this.basis[r] = n + 1 + r;
      } else {
        this.artSign[r] = this.b[r]! >= 0 ? 1 : -1;
        this.basis[r] = n + 1 + R + r;
        artificials += 1;
      }
      this.basic[this.basis[r]!] = 1;
    }
    if (!this.factor()) throw new Error('Internal error: the slack basis of the envelopment LP is singular');
    this.computeXB();
    if (artificials > 0) {
      this.phase1 = true;
      const outcome = this.primal();
      this.phase1 = false;
      if (outcome !== 'optimal') throw new Error('Internal error: phase 1 of the envelopment LP did not finish');
      let infeasibility = 0;
      for (let p = 0; p < R; p++) if (this.basis[p]! > n + R) infeasibility += this.xB[p]!;
      if (infeasibility > 1e-9) return false;
      this.driveOutArtificials();
    }
    const outcome = this.primal();
    if (outcome !== 'optimal') throw new Error(`Internal error: phase 2 of the envelopment LP ended ${outcome}`);
    this.hasBasis = true;
    return true;
  }

  /** Pivots basic artificials (at zero after phase 1) out of the basis where a column allows. */
  private driveOutArtificials(): void {
    const R = this.rows;
    for (let p = 0; p < R; p++) {
      if (this.basis[p]! <= this.n + R) continue;
      let best = -1;
      let bestValue = PIVOT_TOL;
      for (let j = 0; j <= this.n + R; j++) {
        if (!this.eligible(j)) continue;
        this.column(j, this.col);
        let v = 0;
        for (let q = 0; q < R; q++) v += this.binv[p * R + q]! * this.col[q]!;
        if (Math.abs(v) > bestValue) {
          bestValue = Math.abs(v);
          best = j;
        }
      }
      if (best >= 0) {
        this.setBasis(p, best);
        if (!this.factor()) throw new Error('Internal error: singular basis while removing artificials');
        this.computeXB();
      }
    }
  }

  /**
   * The entering column: most negative reduced cost (Dantzig), or with `bland` the first
   * negative one; −1 when none is below −DUAL_TOL. λ columns (cost 0 in both phases) are priced
   * in one tight loop over the reference matrix.
   */
  private price(bland: boolean): number {
    const R = this.rows;
    const n = this.n;
    const a = this.a;
    const pi = this.pi;
    const basic = this.basic;
    let entering = -1;
    let best = -DUAL_TOL;
    for (let j = 0, base = 0; j < n; j++, base += R) {
      if (basic[j] || j === this.exclude) continue;
      let dot = 0;
      for (let r = 0; r < R; r++) dot += pi[r]! * a[base + r]!;
      if (-dot < best) {
        entering = j;
        if (bland) return j;
        best = -dot;
      }
    }
    const N = this.totalVariables();
    for (let j = n; j < N; j++) {
      if (!this.eligible(j)) continue;
      const d = this.reducedCost(j);
      if (d < best) {
        entering = j;
        if (bland) return j;
        best = d;
      }
    }
    return entering;
  }

  /** Primal simplex from a primal-feasible basis. */
  private primal(): 'optimal' | 'unbounded' {
    const R = this.rows;
    let degenerate = 0;
    for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      this.computePi();
      const bland = degenerate > DEGENERATE_LIMIT;
      const entering = this.price(bland);
      if (entering < 0) return 'optimal';
      this.column(entering, this.col);
      for (let r = 0; r < R; r++) {
        let sum = 0;
        for (let q = 0; q < R; q++) sum += this.binv[r * R + q]! * this.col[q]!;
        this.alpha[r] = sum;
      }
      let leaving = -1;
      let ratio = Infinity;
      for (let p = 0; p < R; p++) {
        const al = this.alpha[p]!;
        if (al <= PIVOT_TOL) continue;
        const t = Math.max(0, this.xB[p]!) / al;
        if (
          t < ratio - 1e-12 ||
          (leaving >= 0 &&
            t <= ratio + 1e-12 &&
            (bland ? this.basis[p]! < this.basis[leaving]! : al > this.alpha[leaving]!))
        ) {
          ratio = Math.min(ratio, t);
          leaving = p;
        }
      }
      if (leaving < 0) return 'unbounded';
      degenerate = ratio <= 1e-12 ? degenerate + 1 : 0;
      this.setBasis(leaving, entering);
      this.lastPivots += 1;
      if (!this.factor()) throw new Error('Internal error: singular basis in the envelopment LP');
      this.computeXB();
    }
    throw new Error('Internal error: the envelopment LP did not converge');
  }

  /** Dual simplex until primal feasible; reduced costs below 0 count as 0 in the ratio test. */
  private dual(): 'optimal' | 'infeasible' {
    const R = this.rows;
    const n = this.n;
    const a = this.a;
    const pi = this.pi;
    const basic = this.basic;
    const rho = this.alpha;
    const N = this.totalVariables();
    for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      let leaving = -1;
      let worst = -PRIMAL_TOL;
      for (let p = 0; p < R; p++) {
        if (this.xB[p]! < worst) {
          worst = this.xB[p]!;
          leaving = p;
        }
      }
      if (leaving < 0) return 'optimal';
      this.computePi();
      for (let q = 0; q < R; q++) rho[q] = this.binv[leaving * R + q]!;
      let entering = -1;
      let ratio = Infinity;
      let enteringAlpha = 0;
      for (let j = 0, base = 0; j < n; j++, base += R) {
        if (basic[j] || j === this.exclude) continue;
        let al = 0;
        let dot = 0;
        for (let q = 0; q < R; q++) {
          const v = a[base + q]!;
          al += rho[q]! * v;
          dot += pi[q]! * v;
        }
        if (al >= -PIVOT_TOL) continue;
        const t = Math.max(0, -dot) / -al;
        if (t < ratio - 1e-12 || (t <= ratio + 1e-12 && -al > enteringAlpha)) {
          ratio = Math.min(ratio, t);
          entering = j;
          enteringAlpha = -al;
        }
      }
      for (let j = n; j < N; j++) {
        if (!this.eligible(j)) continue;
        this.column(j, this.col);
        let al = 0;
        for (let q = 0; q < R; q++) al += rho[q]! * this.col[q]!;
        if (al >= -PIVOT_TOL) continue;
        const t = Math.max(0, this.reducedCost(j)) / -al;
        if (t < ratio - 1e-12 || (t <= ratio + 1e-12 && -al > enteringAlpha)) {
          ratio = Math.min(ratio, t);
          entering = j;
          enteringAlpha = -al;
        }
      }
      if (entering < 0) return 'infeasible';
      this.setBasis(leaving, entering);
      this.lastPivots += 1;
      if (!this.factor()) return 'infeasible';
      this.computeXB();
    }
    return 'infeasible';
  }
}
