/**
 * The statistics every stage shares: ranks with ties, Spearman's ρ, median, quantiles (type 7),
 * mean and standard deviation. Small pure functions, each tested against SciPy/numpy.
 */
export { pearson, spearman } from './correlation.ts';
export { mean, sd, variance } from './moments.ts';
export { iqr, median, quantile, quantileSorted } from './quantile.ts';
export { averageRanks, competitionRank } from './ranks.ts';
