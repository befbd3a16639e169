import { describe, expect, it } from 'vitest';
import { compileTemplates, composeReport, type TemplateSpecCache } from '../../../pipeline/compose/index.ts';
import { TemplateError } from '../../../pipeline/errors.ts';
import { buildMunicipalityReport } from '../../../pipeline/model/index.ts';
import { fixtureCharts, inlineTemplates, projectTemplates } from '../../helpers/compose-fixture.ts';
import { fixtureContext } from '../../helpers/model-fixture.ts';

class CountingCache implements TemplateSpecCache {
  readonly specs = new Map<string, string>();
  hits = 0;
  get(key: string) {
    const spec = this.specs.get(key);
    if (spec !== undefined) this.hits += 1;
    return spec;
  }
  set(key: string, spec: string) {
    this.specs.set(key, spec);
  }
}

describe('precompiled template specs', () => {
  const meta = { utgava: '2022 (test)', generator: 'test' };
  const report = buildMunicipalityReport(fixtureContext(), '0001');
  const compose = (cache: TemplateSpecCache) =>
    composeReport({ report, templates: compileTemplates(projectTemplates(), cache), charts: fixtureCharts(), meta })
      .markdown;

  it('are reused by the next run and render the same report', () => {
    const cache = new CountingCache();
    const first = compose(cache);
    const stored = cache.specs.size;
    expect(stored).toBeGreaterThan(7); // the report and the seven themes
    expect(cache.hits).toBe(0);
    expect(compose(cache)).toBe(first);
    expect(cache.hits).toBe(stored);
    expect(cache.specs.size).toBe(stored);
  }, 30_000);

  it('never stand in for a changed or broken template', () => {
    const cache = new CountingCache();
    compileTemplates(inlineTemplates(), cache);
    expect(() => compileTemplates(inlineTemplates({ theme: 'Text {{#if}}' }), cache)).toThrow(TemplateError);
    expect(() => compileTemplates(inlineTemplates({ theme: 'Text {{okand_hjalpare 1}}' }), cache)).toThrow(
      TemplateError,
    );
  });

  it('stand for a template that passed the Markdown check: raw HTML is refused with a cache too, and never cached', () => {
    const cache = new CountingCache();
    compileTemplates(inlineTemplates(), cache);
    const stored = cache.specs.size;
    const theme = '---\nid: kultur\ntitel: Kultur\nordning: 1\nkalla: Handboken\n---\nText\n\n<div>rå html</div>\n';
    for (let run = 0; run < 2; run += 1) {
      expect(() => compileTemplates(inlineTemplates({ theme }), cache)).toThrow(
        /^templates\/teman\/1-test\.md:9: Raw HTML is not allowed/,
      );
    }
    expect(cache.specs.size).toBe(stored);
  });
});
