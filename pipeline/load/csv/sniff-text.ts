/** What the first bytes of a CSV file tell us before parsing. */
export interface TextSniff {
  encoding: 'utf-8' | 'windows-1252';
  /** Byte offset of the first NUL byte, when the file looks binary. */
  binaryAt?: number;
}

/**
 * Guesses the encoding from the first chunk of a file. Excel on Swedish Windows saves
 * "CSV (semikolonavgränsad)" in Windows-1252, where å, ä, ö are single bytes that are invalid
 * UTF-8; any valid UTF-8 prefix is taken as UTF-8. `complete` says the chunk is the whole file
 * (otherwise a multi-byte character cut at the chunk's end is not an error).
 */
export function sniffText(head: Uint8Array, complete: boolean): TextSniff {
  const nul = head.indexOf(0);
  if (nul >= 0) return { encoding: 'utf-8', binaryAt: nul };
  let end = head.length;
  if (!complete) {
    // Drop a possibly truncated trailing UTF-8 sequence (at most 3 bytes).
    let back = 0;
    while (back < 3 && end - back - 1 >= 0 && (head[end - back - 1]! & 0xc0) === 0x80) back++;
    const lead = head[end - back - 1];
    if (lead !== undefined && lead >= 0xc0) end = end - back - 1;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end));
    return { encoding: 'utf-8' };
  } catch {
    return { encoding: 'windows-1252' };
  }
}

/** Picks `;`, `,` or tab: whichever occurs most often outside quotes in the header line. */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([
    [';', 0],
    [',', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  let max = 0;
  for (const [delimiter, count] of counts) {
    if (count > max) [best, max] = [delimiter, count];
  }
  return best;
}
