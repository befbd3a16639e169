/**
 * A small, strict XML parser for tests: it throws on anything that is not well-formed
 * (unbalanced or mismatched tags, unquoted or duplicate attributes, a raw `<` or a bare `&`
 * in text or attribute values, more than one root) and returns a tiny tree to query.
 * No XML parser is installed, and this one is written to be stricter than the SVGs need.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Decoded text directly inside this element. */
  text: string;
}

const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;
const ENTITY = /&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/y;
const DECODE: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function parseXml(source: string): XmlElement {
  let i = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const fail = (msg: string): never => {
    throw new Error(`Not well-formed at ${i}: ${msg}: …${source.slice(Math.max(0, i - 30), i + 30)}…`);
  };
  const name = (): string => {
    NAME.lastIndex = i;
    const m = NAME.exec(source);
    if (!m) fail('expected a name');
    i += m![0].length;
    return m![0];
  };
  const decode = (raw: string, where: string): string => {
    let out = '';
    for (let j = 0; j < raw.length; j++) {
      const c = raw[j]!;
      if (c === '<') fail(`raw < in ${where}`);
      if (c !== '&') {
        out += c;
        continue;
      }
      ENTITY.lastIndex = j;
      const m = ENTITY.exec(raw);
      if (!m) fail(`bare & in ${where}`);
      const e = m![1]!;
      out += DECODE[e] ?? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
      j += m![0].length - 1;
    }
    return out;
  };
  const skipSpace = (): void => {
    while (/\s/.test(source[i] ?? '')) i++;
  };

  while (i < source.length) {
    const lt = source.indexOf('<', i);
    const chunk = source.slice(i, lt === -1 ? source.length : lt);
    const text = decode(chunk, 'text');
    if (stack.length) stack[stack.length - 1]!.text += text;
    else if (text.trim()) fail('text outside the root element');
    if (lt === -1) break;
    i = lt + 1;
    if (source.startsWith('!--', i)) {
      const end = source.indexOf('-->', i);
      if (end === -1) fail('unclosed comment');
      i = end + 3;
      continue;
    }
    if (source[i] === '/') {
      i++;
      const n = name();
      skipSpace();
      if (source[i] !== '>') fail('expected > after closing tag name');
      i++;
      const open = stack.pop();
      if (!open || open.name !== n) fail(`</${n}> closes <${open?.name ?? 'nothing'}>`);
      continue;
    }
    const el: XmlElement = { name: name(), attrs: {}, children: [], text: '' };
    for (;;) {
      const before = i;
      skipSpace();
      if (source.startsWith('/>', i) || source[i] === '>') break;
      if (i === before) fail('expected whitespace before an attribute');
      const a = name();
      if (a in el.attrs) fail(`duplicate attribute ${a}`);
      if (source[i] !== '=') fail(`attribute ${a} without =`);
      const q = source[++i];
      if (q !== '"' && q !== "'") fail(`attribute ${a} is not quoted`);
      const end = source.indexOf(q!, ++i);
      if (end === -1) fail('unclosed attribute value');
      el.attrs[a] = decode(source.slice(i, end), `attribute ${a}`);
      i = end + 1;
    }
    if (stack.length) stack[stack.length - 1]!.children.push(el);
    else if (root) fail('second root element');
    else root = el;
    if (source.startsWith('/>', i)) i += 2;
    else {
      i++;
      stack.push(el);
    }
  }
  if (stack.length) fail(`unclosed <${stack[stack.length - 1]!.name}>`);
  if (!root) fail('no root element');
  return root!;
}

/** All descendant elements (depth first) with the given name. */
export function findAll(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement): void => {
    for (const c of e.children) {
      if (c.name === name) out.push(c);
      walk(c);
    }
  };
  walk(el);
  return out;
}

/** All text in the tree: an element's own text, then its children's (enough for "contains" checks). */
export function allText(el: XmlElement): string {
  return el.text + el.children.map(allText).join('');
}
