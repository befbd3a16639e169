import { describe, expect, it } from 'vitest';
import { compileTemplates, composeReport } from '../../../pipeline/compose/index.ts';
import { TemplateError } from '../../../pipeline/errors.ts';
import { buildMunicipalityReport } from '../../../pipeline/model/index.ts';
import { fixtureCharts, inlineTemplates } from '../../helpers/compose-fixture.ts';
import { fixtureContext } from '../../helpers/model-fixture.ts';

const report = buildMunicipalityReport(fixtureContext(), '0002');
const meta = { utgava: 'test', generator: 'test' };

/** Compiles and composes, returning the TemplateError's message. */
function errorOf(parts: Parameters<typeof inlineTemplates>[0]): string {
  try {
    composeReport({ report, templates: compileTemplates(inlineTemplates(parts)), charts: fixtureCharts(), meta });
  } catch (error) {
    expect(error).toBeInstanceOf(TemplateError);
    return (error as Error).message;
  }
  throw new Error('expected a TemplateError');
}

const theme = (body: string, front = 'id: kultur\ntitel: Kultur\nordning: 1\nkalla: Handboken') =>
  `---\n${front}\n---\n${body}`;

describe('template errors name the file and line', () => {
  it('a missing field', () => {
    expect(errorOf({ report: '## A\n\nText\n\n{{kommun.finnsInte}}\n' })).toMatchInlineSnapshot(
      `"templates/rapport.md:5: Unknown field \`finnsInte\`: the view model (pipeline/model/types.ts) has no such field"`,
    );
  });

  it('an unknown helper, with the line counted from the top of the file', () => {
    expect(errorOf({ theme: theme('Intro\n\n{{versaler kommun.namn}}\n') })).toMatch(
      /^templates\/teman\/1-test\.md:9: .*unknown helper versaler/,
    );
  });

  it('broken Handlebars', () => {
    expect(errorOf({ theme: theme('Intro\n{{#rad id="x" titel="y"}}\nText\n') })).toMatch(
      /^templates\/teman\/1-test\.md:\d+: Parse error/,
    );
  });

  it('an unknown fact name in an advice block', () => {
    expect(errorOf({ theme: theme('{{#rad id="x" titel="y" nar="finnsEj"}}\nText\n{{/rad}}\n') })).toMatch(
      /^templates\/teman\/1-test\.md:7: .*unknown fact\(s\) finnsEj/,
    );
  });

  it('broken front matter', () => {
    expect(errorOf({ theme: '---\nid: [kultur\n---\nText\n' })).toMatch(
      /^templates\/teman\/1-test\.md:\d+: Cannot read front matter/,
    );
    expect(errorOf({ theme: theme('Text', 'id: kultur\nordning: 1\nkalla: x') })).toMatch(
      /Front matter needs `titel: …`/,
    );
  });

  it('raw HTML in Markdown', () => {
    expect(errorOf({ report: '## A\n\n<div onclick="x">Hej</div>\n' })).toMatch(
      /^templates\/rapport\.md:3: Raw HTML is not allowed/,
    );
  });

  it('a javascript: link', () => {
    expect(errorOf({ report: '## A\n\n[klicka](javascript:alert(1))\n' })).toMatch(
      /Link to `javascript:alert\(1\)` is not allowed/,
    );
  });
});
