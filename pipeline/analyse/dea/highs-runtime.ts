import type { Highs } from 'highs';

let runtime: Promise<Highs> | undefined;

/**
 * The HiGHS WebAssembly runtime, loaded once per process. Loading compiles a ~3 MB Wasm module,
 * so every DEA run shares one instance; solver calls on it are synchronous.
 */
export function loadHighs(): Promise<Highs> {
  // The package ships CJS-style typings but Node resolves its ESM build, whose default export is
  // the loader; TypeScript (NodeNext) cannot see that, hence the cast.
  runtime ??= import('highs')
    .then((mod) => (mod as unknown as { default: () => Promise<Highs> }).default())
    .catch((error: unknown) => {
      runtime = undefined;
      throw error;
    });
  return runtime;
}

/**
 * Options for every DEA LP. Tolerances are tighter than HiGHS's defaults (1e-7) because the
 * published reference scores are checked to 1e-6 and a phase-2 LP fixes θ at the phase-1 value.
 */
export const SOLVER_OPTIONS = {
  output_flag: false,
  primal_feasibility_tolerance: 1e-9,
  dual_feasibility_tolerance: 1e-9,
} as const;
