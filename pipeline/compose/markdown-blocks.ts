/**
 * Parsing a report's Markdown one top-level block at a time, with the blocks already parsed in
 * this run remembered. A report is ~37 KB of Markdown and three quarters of it (advice texts,
 * headings, notes) is word for word the same in other reports, yet micromark parsed and
 * mdast-util-to-markdown serialised all of it again for every report: ~65 ms of the ~150 ms
 * of Node CPU per report, on the two cores Chromium needs for printing.
 *
 * A block is cut only where CommonMark guarantees that what follows starts a new top-level
 * block whatever came before: after a blank line, at a line that starts in column 0 and is not
 * a list item (that could continue a list before it and make it loose). A document with fenced
 * code or link reference definitions, whose meaning can cross blank lines, is parsed whole.
 */
import type { Heading, Root, RootContent } from 'mdast';
import { LRUCache } from 'lru-cache';
import { visit } from 'unist-util-visit';
import { parseMarkdown, serializeMarkdown } from './markdown.ts';

/** A document parsed into mdast, and its Markdown twin on demand. */
export interface ParsedMarkdown {
  /** Trees assembled from cached blocks have no positions (they are only used for messages). */
  tree: Root;
  serialize(): string;
}

/** A slice of the document and the line it starts on (1-based), for error messages. */
export interface MarkdownBlock {
  text: string;
  line: number;
}

interface ParsedBlock {
  /** Never mutated: documents get their own copies of the nodes they change (headings). */
  tree: Root;
  twin?: string;
}

const LIST_ITEM = /^(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;
/** Fences (a blank line inside is code), reference definitions (used in other blocks), CR. */
const CROSSES_BLOCKS = /^ {0,3}(?:`{3,}|~{3,}|\[[^\]\n]*\]:)|\r/m;
const BLANK = /^[ \t]*$/;

/**
 * Splits `markdown` into top-level blocks that parse alone exactly as they do in the document,
 * or returns `undefined` when it cannot be split safely.
 */
export function splitBlocks(markdown: string): MarkdownBlock[] | undefined {
  if (CROSSES_BLOCKS.test(markdown)) return undefined;
  const lines = markdown.split('\n');
  const blocks: MarkdownBlock[] = [];
  let start = 0;
  const cut = (end: number) => {
    let last = end;
    while (last > start && BLANK.test(lines[last - 1]!)) last -= 1;
    if (last > start) blocks.push({ text: lines.slice(start, last).join('\n'), line: start + 1 });
    start = end;
  };
  for (let i = 1; i < lines.length; i += 1) {
    const line = lines[i]!;
    if (BLANK.test(lines[i - 1]!) && line !== '' && !/^\s/.test(line) && !LIST_ITEM.test(line)) cut(i);
  }
  cut(lines.length);
  return blocks;
}

/** Blocks parsed in this run, by their exact text. Bounded: most unique blocks are seen once. */
export class MarkdownBlockCache {
  private readonly blocks: LRUCache<string, ParsedBlock>;
  private documents = 0;

  constructor(maxBlocks = 4_000) {
    this.blocks = new LRUCache({ max: maxBlocks });
  }

  /** Parses and checks `markdown` like `parseMarkdown`, reusing blocks parsed before. */
  parse(markdown: string, source: string): ParsedMarkdown {
    // The first document is parsed whole: block by block costs ~40 ms more while the parser is
    // not yet optimised, and a run that prints one report never reuses a block.
    const split = this.documents++ > 0 ? splitBlocks(markdown) : undefined;
    if (!split) return parseWhole(markdown, source);
    const parsed = split.map((block) => this.block(block, source));
    return {
      tree: { type: 'root', children: parsed.flatMap((block) => block.tree.children.map(ownHeadings)) },
      serialize: () =>
        `${parsed
          .filter((block) => block.tree.children.length > 0)
          .map(twinOf)
          .join('\n\n')}\n`,
    };
  }

  private block({ text, line }: MarkdownBlock, source: string): ParsedBlock {
    let block = this.blocks.get(text);
    if (!block) {
      block = { tree: withoutPositions(parseMarkdown(text, source, line - 1)) };
      this.blocks.set(text, block);
    }
    return block;
  }
}

/** Parses the whole document at once (no cache, or a document that cannot be split). */
export function parseWhole(markdown: string, source: string): ParsedMarkdown {
  const tree = parseMarkdown(markdown, source);
  return { tree, serialize: () => serializeMarkdown(tree) };
}

function twinOf(block: ParsedBlock): string {
  // Serialised alone, a block ends in one newline; between blocks the whole document would
  // have a blank line (no block starts with a list, so no list-after-list marker switch).
  block.twin ??= serializeMarkdown(block.tree).replace(/\n$/, '');
  return block.twin;
}

/** `addHeadingIds` sets `data` on headings: those get a copy, the rest of the tree is shared. */
function ownHeadings(node: RootContent): RootContent {
  if (node.type === 'heading') return { ...node } satisfies Heading;
  return 'children' in node && containsHeading(node) ? structuredClone(node) : node;
}

function containsHeading(node: RootContent): boolean {
  return (
    'children' in node &&
    node.children.some((child) => child.type === 'heading' || containsHeading(child as RootContent))
  );
}

/** Positions are only needed for messages while parsing; without them a cached tree is ~40 % smaller. */
function withoutPositions(tree: Root): Root {
  visit(tree, (node) => {
    delete node.position;
  });
  return tree;
}
