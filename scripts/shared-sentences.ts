/**
 * How much prose two reports share word for word.
 *
 * Method: compose both Markdown twins in memory (scripts/compose-twins.ts); drop headings,
 * table rows, images, block quotes' markers and Markdown emphasis; split the remaining prose
 * (paragraphs and list items) into sentences at ".", "!" or "?" followed by a space and a
 * capital letter or digit; normalise whitespace. A sentence of one report is "shared" when the
 * identical sentence occurs in the other. Share = (shared sentences of A + shared sentences of
 * B) / (sentences of A + sentences of B). Sentences shorter than four words are ignored.
 *
 * Usage: `npx tsx scripts/shared-sentences.ts [kodA] [kodB]` (default 0160 Täby, 2584 Kiruna).
 */
import { fileURLToPath } from 'node:url';
import { composeTwins } from './compose-twins.ts';

/** The prose sentences of a Markdown twin, in order. */
export function proseSentences(markdown: string): string[] {
  const lines = markdown.split('\n').filter((line) => {
    const t = line.trim();
    return t !== '' && !t.startsWith('#') && !t.startsWith('|') && !t.startsWith('![');
  });
  const text = lines
    .map((line) => line.replace(/^\s*(?:>\s*)*(?:[-*]\s+|\d+\.\s+)?/, ''))
    .join('\n')
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>])/g, '$1')
    .replace(/\*\*|__|\*|_/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
  return text
    .split(/\n{1,}|(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9”"])/u)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s.split(' ').length >= 4);
}

/** Share of sentences (of both reports together) that occur word for word in the other report. */
export function sharedShare(a: string[], b: string[]): { shared: number; total: number; share: number } {
  const inA = new Set(a);
  const inB = new Set(b);
  const shared = a.filter((s) => inB.has(s)).length + b.filter((s) => inA.has(s)).length;
  const total = a.length + b.length;
  return { shared, total, share: total ? shared / total : 0 };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [codeA = '0160', codeB = '2584'] = process.argv.slice(2);
  const twins = await composeTwins([codeA, codeB]);
  const a = proseSentences(twins.get(codeA)!);
  const b = proseSentences(twins.get(codeB)!);
  const result = sharedShare(a, b);
  console.log(`${codeA}: ${a.length} sentences, ${codeB}: ${b.length} sentences`);
  console.log(`shared: ${result.shared} of ${result.total} = ${(result.share * 100).toFixed(1)} %`);
}
