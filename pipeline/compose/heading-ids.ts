/** Gives every heading a stable `id` (GitHub-style slug) and collects the chapter list. */
import GithubSlugger from 'github-slugger';
import type { Heading, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';

/** A heading of the document, for the table of contents. */
export interface TocEntry {
  id: string;
  title: string;
  depth: number;
}

/** Sets `data.hProperties.id` on each heading and returns all headings in order. */
export function addHeadingIds(tree: Root): TocEntry[] {
  const slugger = new GithubSlugger();
  const entries: TocEntry[] = [];
  visit(tree, 'heading', (node: Heading) => {
    const title = toString(node);
    const id = slugger.slug(title);
    node.data = { ...node.data, hProperties: { ...(node.data?.hProperties ?? {}), id } };
    entries.push({ id, title, depth: node.depth });
  });
  return entries;
}
