/**
 * The report's words live in templates/ (issue 23 item 3): pipeline/model/ and pipeline/charts/
 * decide which sentence and with which values, never the words.
 */
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../pipeline/config.ts';
import { isReportWords, reportWordsIn, reportWordsUnder } from '../../helpers/report-words.ts';

describe('the report words are in templates/, not in the model or the charts', () => {
  it('recognises a sentence, a label and a Swedish letter, and leaves markup, English and keys alone', () => {
    expect(isReportWords('Med 95 % säkerhet ligger ')).toBe(true);
    expect(isReportWords(' i landets median.')).toBe(true);
    expect(isReportWords('uppgift saknas')).toBe(true);
    expect(isReportWords('Alla kommuner (')).toBe(true);
    expect(isReportWords('<text x="')).toBe(false);
    expect(isReportWords('preserveAspectRatio="xMidYMid meet">')).toBe(false);
    expect(isReportWords("'Source Sans 3', sans-serif")).toBe(false);
    expect(isReportWords('aldreomsorg')).toBe(false);
    expect(isReportWords('jamforelser-och-samverkan')).toBe(false);
    expect(isReportWords('larAv.budgetprocessen')).toBe(false);
  });

  it('skips error messages, imports, literal types and comments', () => {
    const source = [
      "import { x } from './för-och-emot.ts';",
      "type Last = 'och' | 'eller';",
      '// en kommentar om kommunen',
      "throw new Error('Internal error: no row för kommunen');",
      "const label = 'uppgift saknas';",
    ].join('\n');
    expect(reportWordsIn('x.ts', source)).toEqual([{ file: 'x.ts', line: 5, text: 'uppgift saknas' }]);
  });

  it('pipeline/model/ and pipeline/charts/ hold no Swedish sentence or label', () => {
    const found = reportWordsUnder(PROJECT_ROOT).map((hit) => `${hit.file}:${hit.line}: ${JSON.stringify(hit.text)}`);
    expect(found, 'move these words to templates/fraser/*.md and ask for them with phrase()').toEqual([]);
  }, 60_000);
});
