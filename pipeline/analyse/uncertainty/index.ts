/** Uncertainty of the DEA figures: Simar–Wilson smoothed bootstrap (docs/dea-spec.md §7, §7a). */
export {
  addUncertainty,
  addUncertaintyWithUnranked,
  intervalsWithUnranked,
  withIntervals,
  type AreaProblem,
} from './attach-uncertainty.ts';
export {
  bootstrapReplicates,
  DEFAULT_BOOTSTRAP,
  type BootstrapSettings,
  type BootstrapReplicates,
} from './bootstrap.ts';
export { prepareProblem, runReplicates, type BootstrapProblem, type PreparedProblem } from './replicates.ts';
export {
  reflectedEstimate,
  reflectedValue,
  percentileEstimate,
  percentileInterval,
  rankInterval,
  unitColumn,
  type BootstrapEstimate,
} from './intervals.ts';
export { bandwidth } from './bandwidth.ts';
export { drawPseudoDistances, reflectedVariance } from './pseudo-distances.ts';
export { seededRandom, randomFromState, replicateStates, type RandomSource } from './random.ts';
