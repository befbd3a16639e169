import { describe, expect, it } from 'vitest';
import { regenerateTarget, reportTarget, resolveRequestPath } from '../../../pipeline/serve/index.ts';

describe('resolveRequestPath', () => {
  it.each([
    ['/', [], true],
    ['/index.html', ['index.html'], false],
    ['/kommun/0160-taby/', ['kommun', '0160-taby'], true],
    ['/kommun/0160-taby?x=1#y', ['kommun', '0160-taby'], false],
    ['/pdf/0114-upplands-v%C3%A4sby.pdf', ['pdf', '0114-upplands-väsby.pdf'], false],
  ])('%s → %j', (target, segments, folder) => {
    expect(resolveRequestPath(target)).toEqual({ segments, folder });
  });

  it.each([
    '/../etc/passwd',
    '/kommun/../../etc/passwd',
    '/%2e%2e/etc/passwd',
    '/%2E%2E%2Fetc%2Fpasswd',
    '/kommun/%2e%2e/%2e%2e/etc/passwd',
    '/%252e%252e/%252e%252e/etc/passwd',
    '/%25%32%65%25%32%65/x',
    '/..%2f..%2fetc%2fpasswd',
    '/..%5c..%5cetc%5cpasswd',
    '/a\\..\\b',
    '/%5c%5cserver%5cshare',
    '/./index.html',
    '/.site-state.json',
    '/pdf/%00.pdf',
    '//etc/passwd',
    '/a//b',
    '/%',
    '/%E0%A4%A',
    'http://evil.example/index.html',
    '*',
    '',
  ])('rejects %s', (target) => {
    expect(resolveRequestPath(target)).toBeNull();
  });
});

describe('reportTarget and regenerateTarget', () => {
  const target = (url: string) => reportTarget(resolveRequestPath(url)!);
  it('recognises pages and PDFs', () => {
    expect(target('/kommun/0160-taby/')).toEqual({ kommunkod: '0160', slug: 'taby', kind: 'page' });
    expect(target('/kommun/0114-upplands-vasby/index.html')).toEqual({
      kommunkod: '0114',
      slug: 'upplands-vasby',
      kind: 'page',
    });
    expect(target('/pdf/0160-taby.pdf')).toEqual({ kommunkod: '0160', slug: 'taby', kind: 'pdf' });
  });
  it.each([
    '/',
    '/kommun/',
    '/kommun/160-taby/',
    '/kommun/0160-Taby/',
    '/kommun/0160-taby/x.html',
    '/pdf/0160-taby.PDF',
    '/assets/site.css',
  ])('ignores %s', (url) => {
    expect(target(url)).toBeNull();
  });
  it('recognises the regenerate endpoint only in its exact form', () => {
    expect(regenerateTarget(resolveRequestPath('/api/rapporter/0160/regenerate')!)).toBe('0160');
    expect(regenerateTarget(resolveRequestPath('/api/rapporter/160/regenerate')!)).toBeNull();
    expect(regenerateTarget(resolveRequestPath('/api/rapporter/0160/regenerate/x')!)).toBeNull();
  });
});
