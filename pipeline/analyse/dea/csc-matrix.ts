/** Builds a compressed-sparse-column matrix from dense columns, dropping exact zeros. */
export function cscFromColumns(numRows: number, columns: number[][]) {
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const column of columns) {
    column.forEach((v, row) => {
      if (v !== 0) {
        indices.push(row);
        values.push(v);
      }
    });
    starts.push(indices.length);
  }
  return { format: 'csc' as const, numRows, numCols: columns.length, starts, indices, values };
}
