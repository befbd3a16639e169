import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseModel, modelKpis } from '../../../pipeline/analyse/index.ts';
import { DataErrors } from '../../../pipeline/errors.ts';

const MODEL = `year: 2022
rts: vrs
structure: banker-morey
areas:
  grundskola:
    inputs:
      - { kpi: N15027, title: Kostnad per elev, unit: kr/elev, higherIsBetter: false }
    outputs:
      - { kpi: N15507, title: Meritvärde, unit: meritvärde, higherIsBetter: true }
    structure:
      - { kpi: N15001, title: Avvikelse, unit: "%", higherIsBetter: false, transform: reference-cost, favourable: lower }
    cost: { title: Kostnad, perUnit: N15027, volume: [N15835], proxy: false }
`;

function problems(text: string): string[] {
  try {
    parseModel(text, 'modell.yaml');
  } catch (error) {
    return error instanceof DataErrors ? error.errors.map((e) => e.message) : [(error as Error).message];
  }
  return [];
}

describe('parseModel', () => {
  it('reads a model and lists its KPIs', () => {
    const model = parseModel(MODEL, 'modell.yaml');
    expect(model.year).toBe(2022);
    expect(model.areas[0]).toMatchObject({
      area: 'grundskola',
      rts: 'vrs',
      structure: [{ kpi: 'N15001', transform: 'reference-cost', favourable: 'lower' }],
    });
    expect(modelKpis(model)).toEqual(['N15027', 'N15507', 'N15001', 'N15835']);
  });

  it('accepts the shipped data/modell.yaml', () => {
    const file = fileURLToPath(new URL('../../../data/modell.yaml', import.meta.url));
    expect(parseModel(readFileSync(file, 'utf8'), file).areas.map((a) => a.area)).toEqual([
      'grundskola',
      'gymnasieskola',
      'aldreomsorg',
      'bibliotek',
    ]);
  });

  it('reports each problem with file, line and key', () => {
    const text = MODEL.replace('kpi: N15507', 'kpi: 15507')
      .replace('rts: vrs', 'rts: drs')
      .replace('  grundskola:', '  grundskolan:\n    inputs: []\n  grundskola:');
    expect(problems(text)).toEqual([
      'modell.yaml line 2: key `rts`: expected one of vrs, crs, got "drs"',
      'modell.yaml line 5: key `areas.grundskolan`: unknown area; expected one of grundskola, gymnasieskola, aldreomsorg, bibliotek',
      'modell.yaml line 11: key `areas.grundskola.outputs.0.kpi`: expected a Kolada KPI id such as N15027, got 15507',
    ]);
  });

  it('reads an optional minVolume (default 0) and rejects a negative one', () => {
    expect(parseModel(MODEL, 'modell.yaml').areas[0]!.cost.minVolume).toBe(0);
    const floor = MODEL.replace('proxy: false }', 'proxy: false, minVolume: 100 }');
    expect(parseModel(floor, 'modell.yaml').areas[0]!.cost.minVolume).toBe(100);
    expect(problems(MODEL.replace('proxy: false }', 'proxy: false, minVolume: -5 }'))).toEqual([
      'modell.yaml line 12: key `areas.grundskola.cost.minVolume`: expected a number ≥ 0, got -5',
    ]);
  });

  it('the shipped model uses only primary key figures, never Kolada indices or model-adjusted deviations', () => {
    const file = fileURLToPath(new URL('../../../data/modell.yaml', import.meta.url));
    const model = parseModel(readFileSync(file, 'utf8'), file);
    // Kolada's U-KPIs in the model are the two satisfaction shares and the activity indicator
    // U17802 (runs an own gymnasieskola: 1/0); indices (U15010, U17001, …) and the deviations used
    // for validation (U15459, U15461, U15457, U17448, U17449) must not appear.
    expect(
      modelKpis(model)
        .filter((k) => k.startsWith('U'))
        .sort(),
    ).toEqual(['U17802', 'U21468', 'U23471']);
    for (const area of model.areas) expect(area.inputs[0]!.kpi).toBe(area.cost.perUnit);
  });

  it('reports invalid YAML with its line', () => {
    expect(problems('year: 2022\nareas: [\n')[0]).toMatch(/^modell\.yaml line 3: invalid YAML: /);
  });
});
