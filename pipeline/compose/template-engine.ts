/**
 * One isolated, strict Handlebars instance per run (jsreport-style `create()`), with the only
 * helpers templates may use. Templates see data that is already Markdown-escaped, so they are
 * compiled with `noEscape`; an unknown field or helper is a `TemplateError` with file and line.
 */
import Handlebars from 'handlebars';
import { TemplateError } from '../errors.ts';
import { hashParts } from '../io/hash.ts';
import { formatKr, formatMnkr, formatNumber, formatPercent } from '../format/index.ts';
import { FACT_NAMES, type FactName } from '../model/types.ts';
import { escapeMarkdown } from './escape-markdown.ts';

/** An advice block collected by `{{#rad}}` while a theme template renders. */
export interface AdviceItem {
  id: string;
  titel: string;
  nar: FactName[];
  body: string;
  /** Our own advice (from the figures), not the handbook's: marked as ours in the report. */
  egen: boolean;
  /** The handbook's own emphasis (trust first, daring to say no): printed first whenever the theme is. */
  forst: boolean;
}

/** Per-render data: collectors and the charts' text alternatives. */
export interface RenderData {
  adviceItems?: AdviceItem[];
  /** The theme's short section, collected by `{{#kort}}` (printed when the theme is not in full). */
  shortText?: string[];
  chartAlts?: Record<string, string>;
}

export type RenderTemplate = (context: object, data?: RenderData) => string;

const HELPERS = ['rad', 'kort', 'omrade', 'diagram', 'procent', 'kr', 'mnkr', 'tal'] as const;
const KNOWN_FACTS = new Set<string>(FACT_NAMES);

/**
 * Precompiled templates (Handlebars' generated JavaScript) by a key of their source and options,
 * kept between runs by the caller: parsing our templates is ~0.1 s of every CLI start.
 */
export interface TemplateSpecCache {
  get(key: string): string | undefined;
  set(key: string, spec: string): void;
}

/** Creates the run's Handlebars instance; call `compile` once per template file. */
export function createTemplateEngine(specs?: TemplateSpecCache) {
  const hb = Handlebars.create();
  registerHelpers(hb);
  const knownHelpers = Object.fromEntries(HELPERS.map((name) => [name, true]));

  /**
   * Compiles `source` (the body of `file`, starting at `lineOffset`) into a render function.
   * `check` runs first when the source is compiled anew (it throws on a problem); a cached spec
   * stands for a source that passed it, so a CLI start does not parse every template again.
   */
  function compile(
    source: string,
    file: string,
    lineOffset = 0,
    check?: { id: string; run: () => void },
  ): RenderTemplate {
    let template: HandlebarsTemplateDelegate;
    const options = { strict: true, noEscape: true, knownHelpers, knownHelpersOnly: true };
    try {
      // Precompiled now, not lazily at the first render: an unknown helper is reported when the
      // run starts, with the template's line, and the template is parsed once, not twice
      // (Handlebars' lexer is ~0.1 s of every CLI start for our templates).
      // A spec is cached only after it compiled, so a cached one stands for a checked source.
      const key = hashParts([Handlebars.VERSION, JSON.stringify(options), check?.id ?? '', source]);
      let spec = specs?.get(key);
      if (spec === undefined) {
        check?.run();
        spec = hb.precompile(source, options) as string;
        specs?.set(key, spec);
      }
      template = hb.template(new Function(`return ${spec}`)() as TemplateSpecification);
    } catch (error) {
      throw toTemplateError(error, file, lineOffset);
    }
    return (context, data = {}) => {
      try {
        return template(context, { data });
      } catch (error) {
        throw toTemplateError(error, file, lineOffset);
      }
    };
  }
  return { compile };
}

function registerHelpers(hb: typeof Handlebars): void {
  hb.registerHelper('rad', function (this: unknown, options: Handlebars.HelperOptions) {
    const { id, titel, nar = '', egen, forst } = options.hash as Record<string, string | undefined>;
    if (!id || !titel) throw new Error(`{{#rad}} needs id="…" and titel="…" - ${lineOf(options)}:0`);
    const facts = nar.split(/\s+/).filter(Boolean);
    const unknown = facts.filter((name) => !KNOWN_FACTS.has(name));
    if (unknown.length > 0) {
      throw new Error(
        `{{#rad id="${id}"}} names unknown fact(s) ${unknown.join(', ')}; known: ${FACT_NAMES.join(', ')} - ${lineOf(options)}:0`,
      );
    }
    const items = (options.data as RenderData).adviceItems;
    if (!items) throw new Error(`{{#rad}} can only be used in a theme template - ${lineOf(options)}:0`);
    items.push({
      id,
      titel,
      nar: facts as FactName[],
      body: options.fn(this),
      egen: egen === 'ja',
      forst: forst === 'ja',
    });
    return '';
  });
  hb.registerHelper('kort', function (this: unknown, options: Handlebars.HelperOptions) {
    const collected = (options.data as RenderData).shortText;
    if (!collected) throw new Error(`{{#kort}} can only be used in a theme template - ${lineOf(options)}:0`);
    collected.push(options.fn(this));
    return '';
  });
  hb.registerHelper('omrade', function (id: string, options: Handlebars.HelperOptions) {
    const root = options.data.root as { omraden?: { id: string }[] };
    const area = root.omraden?.find((item) => item.id === id);
    if (!area)
      throw new Error(
        `Unknown area "${id}" in (omrade …); expected grundskola, gymnasieskola, aldreomsorg or bibliotek - ${lineOf(options)}:0`,
      );
    return area;
  });
  hb.registerHelper('diagram', (id: string, options: Handlebars.HelperOptions) => {
    const alt = (options.data as RenderData).chartAlts?.[id];
    if (alt === undefined) throw new Error(`Unknown chart "${id}" in {{diagram}} - ${lineOf(options)}:0`);
    return `![${escapeMarkdown(alt)}](diagram:${id})`;
  });
  hb.registerHelper('procent', (value: number) => escapeMarkdown(formatPercent(value)));
  hb.registerHelper('kr', (value: number) => escapeMarkdown(formatKr(value)));
  hb.registerHelper('mnkr', (value: number) => escapeMarkdown(formatMnkr(value)));
  hb.registerHelper('tal', (value: number, decimals: unknown) =>
    escapeMarkdown(formatNumber(value, typeof decimals === 'number' ? decimals : 0)),
  );
}

function lineOf(options: Handlebars.HelperOptions): number {
  return (options as unknown as { loc?: { start: { line: number } } }).loc?.start.line ?? 0;
}

/** Maps Handlebars' messages ("Parse error on line 3", "… - 3:4") to file and line. */
function toTemplateError(error: unknown, file: string, lineOffset: number): TemplateError {
  if (error instanceof TemplateError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const line = /on line (\d+)/.exec(message)?.[1] ?? / - (\d+):\d+$/m.exec(message)?.[1];
  const clean = message
    .replace(/ - \d+:\d+$/m, '')
    // Strict mode names the object it looked in; that dump helps nobody and can be huge.
    .replace(
      /^"([^"]+)" not defined in [\s\S]*$/,
      'Unknown field `$1`: the view model (pipeline/model/types.ts) has no such field',
    );
  const lineNo = line && Number(line) > 0 ? Number(line) + lineOffset : undefined;
  return new TemplateError(file, lineNo, clean.split('\n')[0] ?? clean, { cause: error });
}
