/**
 * The phrase files (templates/fraser/*.md) and the code that asks for them agree: every key the
 * code names exists, and the values it passes are exactly the sentence's placeholders. Read with
 * TypeScript's parser over every call of `phrase`/`hasPhrase` (and of local wrappers such as
 * `const say = (key, values) => phrase('historik', key, values)`) in pipeline/.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../pipeline/config.ts';
import {
  allPhrases,
  parsePhrases,
  phrase,
  PHRASE_FILES,
  phraseFilesOnDisk,
  placeholders,
} from '../../../pipeline/model/phrases.ts';

const PIPELINE = path.join(PROJECT_ROOT, 'pipeline');

interface PhraseCall {
  where: string;
  file: string;
  /** The key, or its static start when built in a template (`saknas.${code}` → `saknas.`). */
  key: string;
  exact: boolean;
  /** The property names of an object-literal values argument without spreads; null otherwise. */
  values: string[] | null;
}

function literal(node: ts.Expression | undefined): { text: string; exact: boolean } | null {
  if (!node) return null;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return { text: node.text, exact: true };
  if (ts.isTemplateExpression(node)) return { text: node.head.text, exact: false };
  return null;
}

function valueNames(node: ts.Expression | undefined): string[] | null {
  if (!node) return [];
  if (!ts.isObjectLiteralExpression(node)) return null;
  const names: string[] = [];
  for (const property of node.properties) {
    if (ts.isSpreadAssignment(property) || !property.name) return null;
    names.push(property.name.getText());
  }
  return names;
}

/** `const say = (key, values) => phrase('historik', key, values)`: `say` asks `historik`. */
function wrappersIn(tree: ts.SourceFile): Map<string, string> {
  const wrappers = new Map<string, string>();
  const visit = (node: ts.Node) => {
    if (
      ts.isVariableDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      node.initializer &&
      ts.isArrowFunction(node.initializer) &&
      ts.isCallExpression(node.initializer.body) &&
      ts.isIdentifier(node.initializer.body.expression) &&
      node.initializer.body.expression.text === 'phrase'
    ) {
      const [file, key] = node.initializer.body.arguments;
      const param = node.initializer.parameters[0]?.name;
      const fileName = literal(file);
      if (fileName?.exact && key && param && ts.isIdentifier(key) && key.getText() === param.getText())
        wrappers.set(node.name.text, fileName.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(tree);
  return wrappers;
}

function phraseCalls(): PhraseCall[] {
  const calls: PhraseCall[] = [];
  const files = fs
    .readdirSync(PIPELINE, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => path.join(PIPELINE, name));
  for (const file of files) {
    const tree = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const wrappers = wrappersIn(tree);
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
        const name = node.expression.text;
        const args = [...node.arguments];
        const phraseFile = name === 'phrase' || name === 'hasPhrase' ? literal(args.shift())?.text : wrappers.get(name);
        const key = literal(args[0]);
        if (phraseFile !== undefined && key && !(name === 'phrase' && ts.isArrowFunction(node.parent))) {
          calls.push({
            where: `${path.relative(PROJECT_ROOT, file)}:${tree.getLineAndCharacterOfPosition(node.getStart()).line + 1}`,
            file: phraseFile,
            key: key.text,
            exact: key.exact,
            values: name === 'hasPhrase' ? null : valueNames(args[1]),
          });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(tree);
  }
  return calls;
}

describe('phrase files', () => {
  it('every file in templates/fraser is typed in PHRASE_FILES, and reads and checks cleanly', () => {
    expect([...PHRASE_FILES].sort()).toEqual(phraseFilesOnDisk());
    expect([...allPhrases().keys()]).toEqual([...PHRASE_FILES]);
  });

  it('names the file and line of a repeated key, an empty sentence and a stray brace', () => {
    expect(() => parsePhrases('## a\nett\n\n## a\ntvå\n', 'templates/fraser/x.md')).toThrow(
      'templates/fraser/x.md:4: "## a" appears twice',
    );
    expect(() => parsePhrases('## a\n\n## b\nb\n', 'templates/fraser/x.md')).toThrow(
      'templates/fraser/x.md:1: "## a" has no sentence',
    );
    expect(() => parsePhrases('## a\nplats {rang av {antal}\n', 'templates/fraser/x.md')).toThrow(
      'templates/fraser/x.md:2: a "{" or "}" that is not a {placeholder} in "## a"',
    );
  });

  it('names the file and key of a missing sentence or value', () => {
    expect(() => phrase('ord', 'finnsInte')).toThrow('templates/fraser/ord.md: no sentence "## finnsInte"');
    expect(() => phrase('ord', 'avAntal', { rang: 3 })).toThrow(
      'templates/fraser/ord.md, "## avAntal": no value for {antal}; given rang',
    );
    expect(phrase('ord', 'avAntal', { rang: 3, antal: 290 })).toBe('3 av 290');
  });

  it('the code asks only for keys that exist, with exactly the values each sentence uses', () => {
    const files = allPhrases();
    const calls = phraseCalls();
    expect(calls.length).toBeGreaterThan(150);
    const problems = calls.flatMap((call) => {
      const keys = files.get(call.file as (typeof PHRASE_FILES)[number]);
      if (!keys) return [`${call.where}: no phrase file templates/fraser/${call.file}.md`];
      if (!call.exact)
        return [...keys.keys()].some((key) => key.startsWith(call.key))
          ? []
          : [`${call.where}: no key in ${call.file}.md starts with "${call.key}"`];
      const text = keys.get(call.key);
      if (text === undefined) return [`${call.where}: ${call.file}.md has no "## ${call.key}"`];
      if (call.values === null) return [];
      const used = placeholders(text);
      const missing = used.filter((name) => !call.values!.includes(name));
      const unknown = call.values.filter((name) => !used.includes(name));
      return [
        ...(missing.length ? [`${call.where}: "## ${call.key}" needs {${missing.join('}, {')}}, not given`] : []),
        ...(unknown.length ? [`${call.where}: "## ${call.key}" has no {${unknown.join('}, {')}}, given`] : []),
      ];
    });
    expect(problems).toEqual([]);
  }, 60_000);
});
