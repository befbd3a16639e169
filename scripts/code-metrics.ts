/**
 * Size measures of pipeline/ for the closing notes of refactoring work:
 * lines per file (median, p90, max) and functions longer than 60 lines.
 * Usage: npx tsx scripts/code-metrics.ts [--list]
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { quantile } from '../pipeline/stats/index.ts';

const ROOT = join(import.meta.dirname, '..');
const LONG_FUNCTION_LINES = 60;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

interface LongFunction {
  file: string;
  name: string;
  lines: number;
}

function longFunctions(file: string, text: string): LongFunction[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const found: LongFunction[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = end - start + 1;
      if (lines > LONG_FUNCTION_LINES) found.push({ file: relative(ROOT, file), name: functionName(node), lines });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function functionName(node: ts.Node): string {
  const named = node as { name?: ts.Node };
  if (named.name && ts.isIdentifier(named.name)) return named.name.text;
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  return '(anonymous)';
}

const files = sourceFiles(join(ROOT, 'pipeline'));
const lineCounts = files.map((file) => readFileSync(file, 'utf8').split('\n').length - 1).sort((a, b) => a - b);
const long = files.flatMap((file) => longFunctions(file, readFileSync(file, 'utf8')));
const median = quantile(lineCounts, 0.5);
const p90 = quantile(lineCounts, 0.9);
console.log(`pipeline/: ${files.length} files, ${lineCounts.reduce((a, b) => a + b, 0)} lines`);
console.log(`lines per file: median ${median} · p90 ${p90} · max ${lineCounts.at(-1)}`);
console.log(`functions over ${LONG_FUNCTION_LINES} lines: ${long.length}`);
if (process.argv.includes('--list')) {
  for (const f of long.sort((a, b) => b.lines - a.lines)) console.log(`  ${f.lines}\t${f.file}\t${f.name}`);
}
