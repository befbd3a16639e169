/**
 * Finds the string literals in pipeline/model/ and pipeline/charts/ that read as report words
 * (issue 23 item 3), with TypeScript's own parser: comments, regular expressions and type names
 * are not string literals; an error message (`new …Error(…)`) is for the developer, in English,
 * and is not report text.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** The folders whose string literals must not carry report words. */
export const SCANNED = ['pipeline/model', 'pipeline/charts'];

/**
 * Swedish words that mark a literal as report text even without å, ä or ö: the small words every
 * sentence needs, and the labels the charts and tables print. None is an English word, an area
 * key or a column name.
 */
const SWEDISH_WORDS = new Set(
  (
    'och att det som en ett av för med till den inte om har ni er vi mot från eller hos där när kan bara ' +
    'också mellan efter utan inga ingen alla gruppen kommungruppen kommuner kommunen saknas uppgift ' +
    'plats bland miljoner kronor invånare per år median medianen resultat resurs struktur omkring ' +
    'effektivitet sammanvägd potential intervall brukare elev elever nyckeltal'
  ).split(' '),
);

/**
 * Literals allowed although they look like words: identifiers the data uses, not text a reader
 * sees. Each entry is `folder/file.ts: literal`.
 */
const ALLOWED = new Set<string>([
  // The name of the phrase file templates/fraser/struktur.md.
  'pipeline/model/phrases.ts: struktur',
]);

export interface WordLiteral {
  file: string;
  line: number;
  text: string;
}

/** Markup (`<text x="`, `" fill="`) says nothing; only the words between tags count. */
function withoutMarkup(text: string): string {
  return text.replace(/<\/?[\w:-]+[^>]*>?/g, ' ').replace(/[\w:-]+="[^"]*"?/g, ' ');
}

/** A key such as `larAv.budgetprocessen` or `jamforelser-och-samverkan`: words joined by `.` or `-`. */
const KEY = /^[\p{L}\d_]+([.-][\p{L}\d_]+)+$/u;

/** Whether a literal reads as Swedish report text. */
export function isReportWords(text: string): boolean {
  if (KEY.test(text)) return false;
  const plain = withoutMarkup(text);
  if (/[åäöÅÄÖ]/.test(plain)) return true;
  return (plain.match(/\p{L}+/gu) ?? []).some((word) => SWEDISH_WORDS.has(word.toLowerCase()));
}

/** The functions that take a phrase file and key (`phrase('ord', 'saknas')`): their names are keys. */
export const PHRASE_CALLS = new Set(['phrase', 'hasPhrase', 'say', 'said']);

/** The callee's name of a call expression: `phrase` for `phrase(…)`. */
export function calleeName(call: ts.CallExpression): string {
  return ts.isIdentifier(call.expression) ? call.expression.text : '';
}

/** An error message, an import path or a phrase key: not report text. */
function exempt(node: ts.Node): boolean {
  const call = node.parent;
  if (
    call &&
    ts.isCallExpression(call) &&
    PHRASE_CALLS.has(calleeName(call)) &&
    call.arguments.includes(node as ts.Expression)
  )
    return true;
  // A key built in a template (`phrase('fakta', `${key}.skal`)`): its pieces are keys too.
  if ((call && ts.isTemplateSpan(call)) || ts.isTemplateHead(node)) {
    const template = ts.isTemplateHead(node) ? node.parent : call!.parent;
    const around = template.parent;
    if (around && ts.isCallExpression(around) && PHRASE_CALLS.has(calleeName(around))) return true;
  }
  for (let at: ts.Node | undefined = node.parent; at; at = at.parent) {
    if (ts.isImportDeclaration(at) || ts.isExportDeclaration(at) || ts.isLiteralTypeNode(at)) return true;
    if (ts.isNewExpression(at) && /Error$/.test(at.expression.getText())) return true;
  }
  return false;
}

/** The string literals (and template pieces) of one source file that read as report words. */
export function reportWordsIn(file: string, source: string): WordLiteral[] {
  const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const found: WordLiteral[] = [];
  const visit = (node: ts.Node) => {
    if (
      (ts.isStringLiteral(node) ||
        ts.isNoSubstitutionTemplateLiteral(node) ||
        ts.isTemplateHead(node) ||
        ts.isTemplateMiddle(node) ||
        ts.isTemplateTail(node)) &&
      isReportWords(node.text) &&
      !exempt(node) &&
      !ALLOWED.has(`${file}: ${node.text}`)
    ) {
      found.push({ file, line: tree.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: node.text });
    }
    ts.forEachChild(node, visit);
  };
  visit(tree);
  return found;
}

/** Every report-word literal under the scanned folders of `root`. */
export function reportWordsUnder(root: string): WordLiteral[] {
  return SCANNED.flatMap((folder) =>
    fs
      .readdirSync(path.join(root, folder))
      .filter((name) => name.endsWith('.ts'))
      .sort()
      .flatMap((name) => reportWordsIn(`${folder}/${name}`, fs.readFileSync(path.join(root, folder, name), 'utf8'))),
  );
}
