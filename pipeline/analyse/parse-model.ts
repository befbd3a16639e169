import { LineCounter, isMap, isSeq, parseDocument, type Document } from 'yaml';
import { DataError, DataErrors } from '../errors.ts';
import { AREAS, type Area } from '../load/types.ts';
import {
  DEFAULT_SUPER_EFFICIENCY_MAX,
  type AreaModel,
  type CostBase,
  type DeaModel,
  type ModelVariable,
  type StructureVariable,
  type SurveyBase,
} from './model-types.ts';

type Path = (string | number)[];
const KPI = /^[NU]\d{5}$/;

/**
 * Parses and validates a DEA model file (data/modell.yaml). Every problem is reported with the
 * file, the line and the key path (`areas.grundskola.inputs.0.kpi`); several are thrown as `DataErrors`.
 */
export function parseModel(text: string, file: string): DeaModel {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const errors: DataError[] = [];
  const fail = (path: Path, message: string, at?: unknown) => {
    // A missing key has no node: point at the nearest enclosing one that exists.
    let node = at;
    for (let depth = path.length; node === undefined && depth > 0; depth -= 1)
      node = nodeRange(doc.getIn(path.slice(0, depth), true));
    node ??= doc.contents;
    const offset = (node as { range?: [number] } | undefined)?.range?.[0];
    const line = offset === undefined ? undefined : lines.linePos(offset).line;
    errors.push(new DataError({ file, line }, `key \`${path.join('.') || '(root)'}\`: ${message}`));
  };
  for (const e of doc.errors)
    errors.push(new DataError({ file, line: e.linePos?.[0]?.line }, `invalid YAML: ${e.message.split('\n')[0]}`));
  if (errors.length) throw errors.length === 1 ? errors[0] : new DataErrors(file, errors);
  const r = new ModelReader(doc, fail);
  // The data year follows the data (runAnalysis, data-year.ts); the key stays valid for old files.
  const year = r.yearKey(['year']);
  const rts = r.oneOf(['rts'], ['vrs', 'crs'] as const, 'vrs');
  r.oneOf(['structure'], ['banker-morey'] as const, 'banker-morey');
  const areasNode = doc.getIn(['areas'], true);
  const areas: AreaModel[] = [];
  if (!isMap(areasNode) || areasNode.items.length === 0)
    fail(['areas'], `expected a mapping with one or more of ${AREAS.join(', ')}`);
  else {
    for (const item of areasNode.items) {
      const name = String((item.key as { value?: unknown })?.value ?? item.key);
      if (!(AREAS as readonly string[]).includes(name))
        fail(['areas', name], `unknown area; expected one of ${AREAS.join(', ')}`, item.key);
      else areas.push(r.area(name as Area, rts ?? 'vrs'));
    }
  }
  const screening = {
    superEfficiencyMax: r.nonNegative(['screening', 'superEfficiencyMax'], DEFAULT_SUPER_EFFICIENCY_MAX),
  };
  if (errors.length) throw errors.length === 1 ? errors[0] : new DataErrors(file, errors);
  return { year: year!, rts: rts ?? 'vrs', structureMethod: 'banker-morey', areas, screening };
}

/** A value for a message; a missing key says so instead of `undefined`. */
function shown(value: unknown): string {
  return value === undefined ? 'nothing (the key is missing)' : JSON.stringify(value);
}

/** `node` when it has a position in the file (a YAML `null` written as nothing may not). */
function nodeRange(node: unknown): unknown {
  const range = (node as { range?: [number, number] } | undefined)?.range;
  return range && range[1] > range[0] ? node : undefined;
}

class ModelReader {
  constructor(
    private readonly doc: Document,
    private readonly fail: (path: Path, message: string) => void,
  ) {}

  private value(path: Path): unknown {
    const v = this.doc.getIn(path);
    return v && typeof v === 'object' && 'toJSON' in v ? (v as { toJSON(): unknown }).toJSON() : v;
  }

  /** `year`: absent or `latest` (→ 0, resolved from the data) or an integer, kept for compatibility. */
  yearKey(path: Path): number | undefined {
    const v = this.value(path);
    if (v === undefined || v === 'latest') return 0;
    if (typeof v === 'number' && Number.isInteger(v)) return v;
    this.fail(path, `expected \`latest\` or a year, got ${shown(v)}`);
    return undefined;
  }

  text(path: Path): string {
    const v = this.value(path);
    if (typeof v === 'string' && v.trim()) return v;
    this.fail(path, `expected a non-empty text, got ${shown(v)}`);
    return '';
  }

  kpi(path: Path): string {
    const v = this.value(path);
    if (typeof v === 'string' && KPI.test(v)) return v;
    this.fail(path, `expected a Kolada KPI id such as N15027, got ${shown(v)}`);
    return '';
  }

  oneOf<T extends string>(path: Path, allowed: readonly T[], fallback?: T): T | undefined {
    const v = this.value(path);
    if (v === undefined && fallback) return fallback;
    if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
    this.fail(path, `expected one of ${allowed.join(', ')}, got ${shown(v)}`);
    return undefined;
  }

  /** An optional number ≥ 0; `fallback` when the key is missing. */
  nonNegative(path: Path, fallback: number): number {
    const v = this.value(path);
    if (v === undefined) return fallback;
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return v;
    this.fail(path, `expected a number ≥ 0, got ${shown(v)}`);
    return fallback;
  }

  boolean(path: Path): boolean {
    const v = this.value(path);
    if (typeof v === 'boolean') return v;
    this.fail(path, `expected true or false, got ${shown(v)}`);
    return false;
  }

  variables(path: Path, required: boolean): ModelVariable[] {
    const node = this.doc.getIn(path, true);
    if (node === undefined && !required) return [];
    if (!isSeq(node) || (required && node.items.length === 0)) {
      this.fail(
        path,
        `expected a list of ${required ? 'one or more ' : ''}variables with kpi, title, unit and higherIsBetter`,
      );
      return [];
    }
    return node.items.map((_, i) => ({
      kpi: this.kpi([...path, i, 'kpi']),
      title: this.text([...path, i, 'title']),
      unit: this.text([...path, i, 'unit']),
      higherIsBetter: this.boolean([...path, i, 'higherIsBetter']),
    }));
  }

  area(area: Area, defaultRts: 'vrs' | 'crs'): AreaModel {
    const base: Path = ['areas', area];
    const structure: StructureVariable[] = this.variables([...base, 'structure'], false).map((v, i) => ({
      ...v,
      transform:
        this.oneOf([...base, 'structure', i, 'transform'], ['value', 'reference-cost'] as const, 'value') ?? 'value',
      favourable: this.oneOf([...base, 'structure', i, 'favourable'], ['lower', 'higher'] as const) ?? 'higher',
    }));
    const volume = this.value([...base, 'cost', 'volume']);
    if (!Array.isArray(volume) || volume.length === 0)
      this.fail([...base, 'cost', 'volume'], 'expected a list of one or more KPI ids');
    const cost: CostBase = {
      title: this.text([...base, 'cost', 'title']),
      perUnit: this.kpi([...base, 'cost', 'perUnit']),
      volume: Array.isArray(volume) ? volume.map((_, i) => this.kpi([...base, 'cost', 'volume', i])) : [],
      proxy: this.boolean([...base, 'cost', 'proxy']),
      minVolume: this.nonNegative([...base, 'cost', 'minVolume'], 0),
    };
    return {
      area,
      rts: this.oneOf([...base, 'rts'], ['vrs', 'crs'] as const, defaultRts) ?? defaultRts,
      inputs: this.variables([...base, 'inputs'], true),
      outputs: this.variables([...base, 'outputs'], true),
      structure,
      cost,
      ...(this.value([...base, 'activity']) === undefined ? {} : { activity: this.kpi([...base, 'activity']) }),
      surveyBases: this.surveyBases([...base, 'surveyBase']),
    };
  }

  /** `surveyBase`: a list of { output, kpi, min }. */
  surveyBases(path: Path): SurveyBase[] {
    const v = this.value(path);
    if (v === undefined) return [];
    if (!Array.isArray(v)) {
      this.fail(path, 'expected a list of { output, kpi, min }');
      return [];
    }
    return v.map((_, i) => ({
      output: this.kpi([...path, i, 'output']),
      kpi: this.kpi([...path, i, 'kpi']),
      min: this.nonNegative([...path, i, 'min'], 0),
    }));
  }
}
