/**
 * Data simulated from a known frontier for the bootstrap tests. Outputs y_r ~ U(1, 4); the
 * frontier's input requirement g(y) = mean_r y_r² is convex, so the technology is convex with
 * variable returns to scale (what BCC/VRS DEA estimates); inefficiency u ~ half-normal(σ),
 * true efficiency θ = exp(−u), and the observed input x = g(y)/θ.
 */
import { seededRandom } from '../../../pipeline/analyse/uncertainty/random.ts';

export interface SimulatedData {
  ids: string[];
  inputs: number[][];
  outputs: number[][];
  trueTheta: number[];
}

export function simulateFrontier(n: number, outputs: number, seed: number, sigma = 0.3): SimulatedData {
  const random = seededRandom(seed);
  const data: SimulatedData = { ids: [], inputs: [], outputs: [], trueTheta: [] };
  for (let j = 0; j < n; j++) {
    const y = Array.from({ length: outputs }, () => 1 + 3 * random.uniform());
    const frontier = y.reduce((sum, v) => sum + v * v, 0) / outputs;
    const theta = Math.exp(-Math.abs(sigma * random.normal()));
    data.ids.push(`u${j + 1}`);
    data.outputs.push(y);
    data.inputs.push([frontier / theta]);
    data.trueTheta.push(theta);
  }
  return data;
}
