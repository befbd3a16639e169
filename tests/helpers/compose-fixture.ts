/** Template sources for compose tests: the project's real templates, or small inline ones. */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { ChartMarkup, TemplateSources } from '../../pipeline/compose/index.ts';
import { PROJECT_ROOT } from '../../pipeline/config.ts';

/** The project's own templates, read synchronously once. */
export function projectTemplates(): TemplateSources {
  const read = (rel: string) => ({ file: rel, text: readFileSync(path.join(PROJECT_ROOT, rel), 'utf8') });
  const themes = readdirSync(path.join(PROJECT_ROOT, 'templates/teman'))
    .filter((f) => /^\d.*\.md$/.test(f))
    .sort();
  return {
    report: read('templates/rapport.md'),
    layout: read('templates/layout.html.hbs'),
    themes: themes.map((f) => read(`templates/teman/${f}`)),
    styles: [read('templates/stil/rapport.css')],
    history: read('templates/utveckling.md'),
  };
}

/** Minimal sources where each test swaps in the part it is about. */
export function inlineTemplates(parts: Partial<Record<'report' | 'layout' | 'theme', string>> = {}): TemplateSources {
  return {
    report: {
      file: 'templates/rapport.md',
      text:
        parts.report ?? '## Sammanfattning\n\n{{kommun.namn}}: {{sammanfattning.rangText}}\n\n{{{temanMarkdown}}}\n',
    },
    layout: {
      file: 'templates/layout.html.hbs',
      text: parts.layout ?? '<html lang="sv"><title>{{title}}</title><body>{{{body}}}</body></html>',
    },
    themes: [
      {
        file: 'templates/teman/1-test.md',
        text:
          parts.theme ??
          '---\nid: kultur\ntitel: Kultur\nordning: 1\nkalla: Handboken\n---\nIntro för {{kommun.namn}}.\n\n{{#rad id="allman" titel="Allmänt råd"}}\nGör så här.\n{{/rad}}\n\n{{#rad id="liten" titel="Råd för små" nar="litenKommun"}}\nSamverka.\n{{/rad}}\n',
      },
    ],
    styles: [],
  };
}

/** Charts as compose sees them: SVG markup and a text alternative. */
export function fixtureCharts(): Record<string, ChartMarkup> {
  const chart = (id: string): ChartMarkup => ({
    svg: `<svg role="img" aria-label="${id}" viewBox="0 0 10 10"><title>${id}</title></svg>`,
    alt: `Diagram ${id}: 93 % [test]`,
  });
  return Object.fromEntries(
    ['rangordning', 'omraden', 'potential', 'jamforelse', 'karta'].map((id) => [id, chart(id)]),
  );
}
