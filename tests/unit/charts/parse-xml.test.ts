import { describe, expect, it } from 'vitest';
import { findAll, parseXml } from './parse-xml.ts';

describe('parseXml (the test helper that checks well-formedness)', () => {
  it('parses nested elements, attributes and entities', () => {
    const root = parseXml('<svg a="1" b=\'x &amp; y\'><g><text>A &lt;b&gt; &#229;&#xE4;</text><path/></g></svg>');
    expect(root.attrs).toEqual({ a: '1', b: 'x & y' });
    expect(findAll(root, 'text')[0]?.text).toBe('A <b> åä');
    expect(findAll(root, 'path')).toHaveLength(1);
  });

  it.each([
    ['unbalanced', '<svg><g></svg>'],
    ['unclosed root', '<svg><g></g>'],
    ['raw < in text', '<svg><text>a < b</text></svg>'],
    ['bare & in text', '<svg><text>a & b</text></svg>'],
    ['bare & in attribute', '<svg><a href="?a=1&b=2"/></svg>'],
    ['raw < in attribute', '<svg a="<"/>'],
    ['unquoted attribute', '<svg a=1/>'],
    ['duplicate attribute', '<svg a="1" a="2"/>'],
    ['two roots', '<svg/><svg/>'],
    ['text after the root', '<svg/>x'],
    ['mismatched close', '<svg><g></text></svg>'],
  ])('rejects %s', (_, xml) => {
    expect(() => parseXml(xml)).toThrow(/Not well-formed/);
  });
});
