import { describe, expect, it } from 'vitest';
import { escapeXml } from '../../../pipeline/charts/index.ts';
import { parseXml } from './parse-xml.ts';

describe('escapeXml', () => {
  it('escapes the five XML specials', () => {
    expect(escapeXml(`<script>alert(1)</script> & "a" 'b'`)).toBe(
      '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;a&quot; &#39;b&#39;',
    );
  });

  it('leaves Swedish text and no-break spaces alone', () => {
    expect(escapeXml('Upplands Väsby 1\u00a0234\u00a0kr')).toBe('Upplands Väsby 1\u00a0234\u00a0kr');
  });

  it('round-trips through an XML parser in text and in both attribute quotings', () => {
    const hostile = `<script>alert(1)</script> & "x" 'y'`;
    const root = parseXml(`<t a="${escapeXml(hostile)}" b='${escapeXml(hostile)}'>${escapeXml(hostile)}</t>`);
    expect(root.text).toBe(hostile);
    expect(root.attrs).toEqual({ a: hostile, b: hostile });
  });
});
