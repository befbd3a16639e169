/** Issue 24, point 5: bidi controls escaped for the terminal; `gzip ; q=0` refuses gzip. */
import { describe, expect, it } from 'vitest';
import { escapeTerminal, escapeTerminalLine } from '../../../pipeline/cli/escape-terminal.ts';
import { shouldGzip } from '../../../pipeline/serve/index.ts';

describe('terminal output', () => {
  it('escapes bidi controls and line separators in names', () => {
    expect(escapeTerminal('Täby\u202e kommun')).toBe('Täby\\u202e kommun');
    expect(escapeTerminal('a\u200fb\u2028c\u2029d\u2066e')).toBe('a\\u200fb\\u2028c\\u2029d\\u2066e');
    expect(escapeTerminalLine('Håbo\u202a\nx')).toBe('Håbo\\u202a\\nx');
  });
});

describe('Accept-Encoding', () => {
  it('reads q=0 with spaces around ; and = as a refusal', () => {
    const html = 'text/html; charset=utf-8';
    for (const header of ['gzip ;q=0', 'gzip ; q=0', 'gzip;q = 0', 'br, gzip ;q=0.0', 'GZIP; Q=0'])
      expect(shouldGzip(html, 300_000, header), header).toBe(false);
    for (const header of ['gzip', 'gzip ; q=0.5', 'deflate, gzip;q=1', 'x-gzip'])
      expect(shouldGzip(html, 300_000, header), header).toBe(true);
    expect(shouldGzip(html, 300_000, 'gzipper')).toBe(false);
  });
});
