/**
 * The import graph of pipeline/: no circle, and no stage importing a later one. Read with the
 * TypeScript compiler's own import scanner (type-only imports count: they tie files together too).
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../pipeline/config.ts';

const PIPELINE = path.join(PROJECT_ROOT, 'pipeline');

/**
 * The stages, earliest first: a module may import its own folder, the shared leaves, and any
 * earlier entry. `config.ts` takes the bootstrap defaults from analyse/, so it sits after it;
 * `run/` (the orchestrator) prints and reads provenance from update/; publish/ writes the site
 * from run/'s records; serve/ regenerates through run/ and publish/; cli/ is the edge.
 */
const STAGE_ORDER = [
  'load',
  'analyse',
  'config',
  'model',
  'charts',
  'compose',
  'print',
  'update',
  'run',
  'publish',
  'serve',
  'cli',
];
/** Leaves every stage may import, in the same order (io/ throws the errors of errors.ts). */
const SHARED = ['errors', 'format', 'io', 'stats'];
const ORDER = [...SHARED, ...STAGE_ORDER];

/** A file's unit: its folder under pipeline/, or the file's name for a top-level file. */
function unitOf(file: string): string {
  const [first, ...rest] = path.relative(PIPELINE, file).split(path.sep);
  return rest.length === 0 ? path.basename(first!, '.ts') : first!;
}

/** Relative imports (and re-exports) of every .ts file under `dir`, resolved to absolute paths. */
function importGraph(dir: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const walk = (folder: string): void => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) {
        const { importedFiles } = ts.preProcessFile(fs.readFileSync(full, 'utf8'), true, true);
        graph.set(
          full,
          importedFiles
            .map((i) => i.fileName)
            .filter((s) => s.startsWith('.'))
            .map((s) => path.resolve(folder, s)),
        );
      }
    }
  };
  walk(dir);
  return graph;
}

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
function circles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

/** Imports that go from a stage to a later one, from a shared leaf to a stage, or to an unranked unit. */
function upwardImports(graph: Map<string, string[]>): string[] {
  const rank = (unit: string): number => ORDER.indexOf(unit);
  const wrong: string[] = [];
  for (const [from, targets] of graph) {
    for (const to of targets) {
      const a = unitOf(from);
      const b = unitOf(to);
      if (a === b) continue;
      const unranked = [a, b].find((unit) => rank(unit) === -1);
      if (unranked) wrong.push(`pipeline/${unranked} is in neither STAGE_ORDER nor SHARED`);
      else if (rank(b) >= rank(a))
        wrong.push(
          `${path.relative(PROJECT_ROOT, from)} imports ${path.relative(PROJECT_ROOT, to)} (${a} may not import ${b})`,
        );
    }
  }
  return wrong;
}

const rel = (files: string[]): string[] => files.map((f) => path.relative(PROJECT_ROOT, f));

describe('import graph of pipeline/', () => {
  const graph = importGraph(PIPELINE);

  it('reads every module and resolves every relative import to a file', () => {
    expect(graph.size).toBeGreaterThan(100);
    const missing = [...graph.values()].flat().filter((f) => !fs.existsSync(f));
    expect(missing).toEqual([]);
  });

  it('has no import circle', () => {
    expect(circles(graph).map(rel)).toEqual([]);
  });

  it('has no upward import: each stage imports only earlier stages and the shared leaves', () => {
    expect(upwardImports(graph)).toEqual([]);
  });

  it('sees a circle and an upward import when there is one', () => {
    const a = path.join(PIPELINE, 'load', 'a.ts');
    const b = path.join(PIPELINE, 'analyse', 'b.ts');
    const made = new Map([
      [a, [b]],
      [b, [a]],
    ]);
    expect(circles(made).map(rel)).toEqual([['pipeline/analyse/b.ts', 'pipeline/load/a.ts']]);
    expect(upwardImports(made)).toEqual([
      'pipeline/load/a.ts imports pipeline/analyse/b.ts (load may not import analyse)',
    ]);
  });
});
