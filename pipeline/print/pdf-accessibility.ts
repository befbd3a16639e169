/**
 * What PDF/UA-1 asks of a document beyond the tags Chromium writes: XMP metadata with the title,
 * language and the PDF/UA identifier (ISO 14289-1 §5, §7.1), and a description (/Contents) on
 * every link annotation (§7.18.5). Chromium writes neither, so they are added to its bytes as an
 * incremental update (pdf-document.ts). Pure.
 */
import { decodePdfString, type ObjectNumber, type RawPdf } from './raw-pdf.ts';

/** What the XMP packet states; the same values as the Info dictionary. */
export interface XmpFields {
  title: string;
  subject: string;
  author: string;
  keywords: string[];
  creator: string;
  producer: string;
  date: Date;
  /** BCP 47, as the catalog's /Lang. */
  language: string;
}

const escapeXml = (text: string) =>
  text.replace(/[<>&"]/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[ch]!);

/** The XMP packet (UTF-8 text) with Dublin Core, PDF and XMP basic properties and `pdfuaid:part` 1. */
export function xmpPacket(fields: XmpFields): string {
  const date = fields.date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const alt = (text: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(text)}</rdf:li></rdf:Alt>`;
  return [
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '  <rdf:Description rdf:about=""',
    '    xmlns:dc="http://purl.org/dc/elements/1.1/"',
    '    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"',
    '    xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
    '    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">',
    '   <dc:format>application/pdf</dc:format>',
    `   <dc:title>${alt(fields.title)}</dc:title>`,
    `   <dc:description>${alt(fields.subject)}</dc:description>`,
    `   <dc:creator><rdf:Seq><rdf:li>${escapeXml(fields.author)}</rdf:li></rdf:Seq></dc:creator>`,
    `   <dc:language><rdf:Bag><rdf:li>${escapeXml(fields.language)}</rdf:li></rdf:Bag></dc:language>`,
    `   <dc:subject><rdf:Bag>${fields.keywords.map((k) => `<rdf:li>${escapeXml(k)}</rdf:li>`).join('')}</rdf:Bag></dc:subject>`,
    `   <pdf:Keywords>${escapeXml(fields.keywords.join(', '))}</pdf:Keywords>`,
    `   <pdf:Producer>${escapeXml(fields.producer)}</pdf:Producer>`,
    `   <xmp:CreatorTool>${escapeXml(fields.creator)}</xmp:CreatorTool>`,
    `   <xmp:CreateDate>${date}</xmp:CreateDate>`,
    `   <xmp:ModifyDate>${date}</xmp:ModifyDate>`,
    `   <xmp:MetadataDate>${date}</xmp:MetadataDate>`,
    '   <pdfuaid:part>1</pdfuaid:part>',
    '  </rdf:Description>',
    ' </rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n');
}

/**
 * The visible text of each link of an HTML document by its `href` (the first link wins), for
 * the descriptions of the PDF's link annotations. Our HTML comes from our own composer, so a
 * regular expression over `<a …href="…">…</a>` is enough.
 */
export function linkTexts(html: string): Map<string, string> {
  const texts = new Map<string, string>();
  for (const match of html.matchAll(/<a\b[^>]*?\bhref="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g)) {
    const href = decodeEntities(match[1]!);
    const text = decodeEntities(match[2]!.replace(/<[^>]*>/g, ' '))
      .replace(/\s+/g, ' ')
      .trim();
    if (text && !texts.has(href)) texts.set(href, text);
  }
  return texts;
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    if (e[0] === '#')
      return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e.toLowerCase()]!;
  });
}

/** A link annotation of the PDF and where it points: `#id` for a named destination, else its URI. */
export interface LinkAnnotation {
  num: ObjectNumber;
  dict: string;
  target: string;
}

/** Every link annotation without /Contents, with its target. */
export function linkAnnotations(raw: RawPdf): LinkAnnotation[] {
  const links: LinkAnnotation[] = [];
  for (const num of raw.offsets.keys()) {
    const at = raw.offsets.get(num)!;
    // Cheap pre-check on the object's first bytes before reading it whole.
    if (!raw.text.slice(at, at + 80).includes('/Annot')) continue;
    const dict = raw.object(num);
    if (!/\/Subtype\s*\/Link\b/.test(dict) || /\/Contents\s*[(<]/.test(dict)) continue;
    const dest = /\/Dest\s*\/([^\s/<>[\]()]+)/.exec(dict)?.[1];
    const uri = /\/URI\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)/.exec(dict)?.[1];
    const target = dest !== undefined ? `#${destinationName(dest)}` : uri !== undefined ? decodePdfString(uri) : '';
    links.push({ num, dict, target });
  }
  return links;
}

/** A PDF name's text: `#xx` escapes, then the percent-encoding Chromium keeps from the URL fragment. */
function destinationName(name: string): string {
  const bytes = Buffer.from(
    name.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');
  try {
    return decodeURIComponent(bytes);
  } catch {
    return bytes;
  }
}

/** The description of a link: its text in the HTML, else where it goes. */
export function linkDescription(target: string, texts: Map<string, string>): string {
  const text = texts.get(target) ?? texts.get(encodeURI(target));
  if (text && target.startsWith('#')) {
    // A table-of-contents entry ends in its page number.
    const toc = /^(.*\S) (\d+)$/.exec(text);
    return toc ? `Gå till ${toc[1]}, sidan ${toc[2]}` : `Gå till ${text}`;
  }
  if (text) return text === target ? `Länk till ${target}` : `${text} (${target})`;
  return target.startsWith('#') ? 'Gå till ett avsnitt i rapporten' : `Länk till ${target || 'en webbsida'}`;
}
