/**
 * The small model the analyse tests share: grundskola (cost per pupil → merit rating) and
 * bibliotek (culture cost → loans), with optional returns to scale and one structure variable.
 */
import { parseModel } from '../../pipeline/analyse/index.ts';
import type { DeaModel } from '../../pipeline/analyse/model-types.ts';

export interface TwoAreaModelOptions {
  /** Written as `rts:` when given; the model's default otherwise. */
  rts?: 'crs' | 'vrs';
  /** Adds a favourable-when-higher structure variable (N15820, parents' education) to grundskola. */
  structure?: boolean;
}

/** The two-area test model, parsed from YAML as data/modell.yaml is. */
export function twoAreaModel(options: TwoAreaModelOptions = {}): DeaModel {
  const structure = options.structure
    ? '    structure:\n      - { kpi: N15820, title: Föräldrar, unit: "%", higherIsBetter: true, favourable: higher }\n'
    : '';
  return parseModel(
    `year: 2022
${options.rts ? `rts: ${options.rts}\n` : ''}areas:
  grundskola:
    inputs: [{ kpi: N15027, title: Kostnad per elev, unit: kr/elev, higherIsBetter: false }]
    outputs: [{ kpi: N15507, title: Meritvärde, unit: meritvärde, higherIsBetter: true }]
${structure}    cost: { title: Kostnad, perUnit: N15027, volume: [N15835], proxy: false }
  bibliotek:
    inputs: [{ kpi: N09022, title: Kultur, unit: kr/inv, higherIsBetter: false }]
    outputs: [{ kpi: N09801, title: Lån, unit: lån/inv, higherIsBetter: true }]
    cost: { title: Kultur, perUnit: N09022, volume: [N01951], proxy: true }
`,
    'modell.yaml',
  );
}
