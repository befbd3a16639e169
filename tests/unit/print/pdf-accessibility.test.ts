import { describe, expect, it } from 'vitest';
import { linkDescription, linkTexts, xmpPacket } from '../../../pipeline/print/pdf-accessibility.ts';

describe('xmpPacket', () => {
  const xmp = xmpPacket({
    title: 'Åre & <Täby>',
    subject: 's',
    author: 'kommunrapport',
    keywords: ['kommun', 'DEA'],
    creator: 'c',
    producer: 'p',
    date: new Date('2026-01-02T03:04:05.678Z'),
    language: 'sv',
  });

  it('states the PDF/UA-1 identifier, the title and the language', () => {
    expect(xmp).toContain('<pdfuaid:part>1</pdfuaid:part>');
    expect(xmp).toContain(
      '<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Åre &amp; &lt;Täby&gt;</rdf:li></rdf:Alt></dc:title>',
    );
    expect(xmp).toContain('<dc:language><rdf:Bag><rdf:li>sv</rdf:li></rdf:Bag></dc:language>');
    expect(xmp).toContain('<xmp:CreateDate>2026-01-02T03:04:05Z</xmp:CreateDate>');
    expect(xmp.startsWith('<?xpacket begin="\ufeff"')).toBe(true);
    expect(xmp.endsWith('<?xpacket end="w"?>')).toBe(true);
  });
});

describe('link descriptions', () => {
  const texts = linkTexts(
    '<a href="#sammanfattning"><span class="toc-text">Sammanfattning</span><span class="toc-page">3</span></a> <a href="https://example.se/a?b=1&amp;c=2">webbsidan &amp; mer</a> <a href="#r%C3%A5d">Råd</a>',
  );

  it('takes the visible text of each link by href, entities decoded', () => {
    expect(texts.get('#sammanfattning')).toBe('Sammanfattning 3');
    expect(texts.get('https://example.se/a?b=1&c=2')).toBe('webbsidan & mer');
  });

  it('names the target: a section (with its page in the table of contents) or a web address', () => {
    expect(linkDescription('#sammanfattning', texts)).toBe('Gå till Sammanfattning, sidan 3');
    expect(linkDescription('#råd', texts)).toBe('Gå till Råd');
    expect(linkDescription('https://example.se/a?b=1&c=2', texts)).toBe(
      'webbsidan & mer (https://example.se/a?b=1&c=2)',
    );
    expect(linkDescription('https://example.se/x', new Map([['https://example.se/x', 'https://example.se/x']]))).toBe(
      'Länk till https://example.se/x',
    );
    expect(linkDescription('#okand', texts)).toBe('Gå till ett avsnitt i rapporten');
    expect(linkDescription('https://example.se/y', texts)).toBe('Länk till https://example.se/y');
  });
});
