/** The DEA engine: input-oriented CCR/BCC with slacks, peers and super-efficiency. */
export { runDea } from './run-dea.ts';
export { DeaInputError } from './dea-input-error.ts';
export { loadHighs } from './highs-runtime.ts';
export type { DeaProblem, DeaResult, DeaPeer, ReturnsToScale } from './types.ts';
export { EFFICIENT_TOLERANCE, PEER_TOLERANCE } from './types.ts';
export { evaluateAgainst, type PointSet } from './evaluate-against.ts';
