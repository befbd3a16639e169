/**
 * Average ranks ("mid-ranks", SciPy's `rankdata(method='average')`, R's `rank(ties.method =
 * 'average')`): the i-th smallest value gets rank i (1…n); a run of t tied values occupying
 * positions s…s+t−1 each gets their mean, s + (t − 1)/2.
 */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((_, i) => i).sort((i, j) => values[i]! - values[j]!);
  const ranks = new Array<number>(values.length);
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && values[order[end + 1]!] === values[order[start]!]) end += 1;
    for (let k = start; k <= end; k++) ranks[order[k]!] = (start + end) / 2 + 1;
    start = end + 1;
  }
  return ranks;
}

/**
 * Competition rank of `value` among `values`, highest first ("1224" ranking): 1 + the number of
 * values greater than `value` by more than 1e-9, so ties (to rounding noise) share the better rank.
 */
export function competitionRank(value: number, values: readonly number[]): number {
  return values.filter((v) => v > value + 1e-9).length + 1;
}
