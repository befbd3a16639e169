import { describe, expect, it } from 'vitest';
import { finishPdf, loadPdf } from '../../../pipeline/print/pdf-document.ts';
import { decodePdfString, encodePdfString, stringAfter } from '../../../pipeline/print/raw-pdf.ts';

/** A minimal PDF in the shape Skia writes: classic xref, plain dictionaries, an outline. */
function tinyPdf(title: string, extra = ''): Uint8Array {
  const objects = [
    '<</Producer (Skia/PDF)>>',
    '<</Type /Catalog /Pages 3 0 R /Outlines 5 0 R>>',
    '<</Type /Pages /Kids [4 0 R 7 0 R] /Count 2>>',
    '<</Type /Page /Parent 3 0 R>>',
    '<</Type /Outlines /First 6 0 R /Last 6 0 R /Count 1>>',
    `<</Title ${title} /Dest [7 0 R /XYZ 0 800 0] /Parent 5 0 R${extra}>>`,
    '<</Type /Page /Parent 3 0 R>>',
  ];
  let body = '%PDF-1.7\n';
  const offsets: number[] = [];
  objects.forEach((dict, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${dict}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<</Size ${objects.length + 1}\n/Root 2 0 R\n/Info 1 0 R>>\nstartxref\n${xref}\n%%EOF`;
  return Buffer.from(body, 'latin1');
}

describe('PDF strings', () => {
  it('decodes literal strings with escapes and UTF-16 hex strings', () => {
    expect(decodePdfString('(Rapport \\(2022\\) \\\\ a\\051)')).toBe('Rapport (2022) \\ a)');
    expect(decodePdfString(encodePdfString('Jämförelser – 93 %'))).toBe('Jämförelser – 93 %');
  });

  it('finds a string after a key even when it contains parentheses', () => {
    expect(stringAfter('<</Title (a \\) b) /Next 3 0 R>>', 'Title')?.token).toBe('(a \\) b)');
  });
});

describe('loadPdf and finishPdf', () => {
  it('reads the outline with page numbers and repairs a doubled title', () => {
    const pdf = loadPdf(tinyPdf(encodePdfString('SammanfattningSammanfattning')));
    expect(pdf.pageCount).toBe(2);
    expect(pdf.outline).toEqual([{ title: 'Sammanfattning', page: 2, depth: 0 }]);
    const finished = finishPdf(pdf, {
      title: 'Täby',
      author: 'kommunrapport',
      subject: 's',
      keywords: ['a'],
      creator: 'c',
      date: new Date('2026-01-02T03:04:05Z'),
    });
    const again = loadPdf(finished);
    // The incremental update supersedes the outline item and the info dictionary.
    expect(again.outline[0]!.title).toBe('Sammanfattning');
    expect(again.repairs.size).toBe(0);
    expect(decodePdfString(stringAfter(again.raw.object(1), 'Title')!.token)).toBe('Täby');
    expect(again.raw.object(1)).toContain('(D:20260102030405Z)');
  });

  it('keeps every byte of a repaired object, 0x80–0x9F included (no Windows-1252 round trip)', () => {
    const bytes = '\x80\x8a\x9f\xe4';
    const pdf = loadPdf(tinyPdf(encodePdfString('SammanfattningSammanfattning'), ` /X (${bytes})`));
    const finished = Buffer.from(
      finishPdf(pdf, { title: 't', author: 'a', subject: 's', keywords: [], creator: 'c', date: new Date() }),
    );
    const update = finished.subarray(finished.lastIndexOf('%%EOF', finished.length - 8));
    expect(update.includes(Buffer.from(`/X (${bytes})`, 'latin1'))).toBe(true);
  });

  it('refuses a file that is not a PDF with a clear error', () => {
    expect(() => loadPdf(Buffer.from('not a pdf'), '0160')).toThrow(
      /0160: Cannot read the PDF Chromium wrote: no startxref/,
    );
  });
});
