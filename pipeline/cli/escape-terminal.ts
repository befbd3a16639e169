/**
 * Text for a terminal: control characters (ESC sequences could move the cursor, clear the
 * screen or set the window title; CR could overwrite a line) become visible escapes, and so do
 * bidi controls (U+202E turns the rest of a line around) and the Unicode line and paragraph
 * separators. Data such as a municipality's name in kommuner.csv must never steer the user's
 * terminal or hide what a line says.
 */

// C0 controls except TAB and LF, DEL, and C1 controls (U+009B is a one-byte CSI).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

// Bidi embeddings, overrides, isolates and marks (ALM, LRM, RLM), and U+2028/U+2029.
const BIDI_AND_SEPARATORS = /[\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `text` with control characters written as `\x1b`-style escapes, bidi controls and line separators as `\u202e`; TAB and LF are kept. */
export function escapeTerminal(text: string): string {
  return text
    .replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
    .replace(BIDI_AND_SEPARATORS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** One line of `text`: as `escapeTerminal`, and LF escaped too. */
export function escapeTerminalLine(text: string): string {
  return escapeTerminal(text).replace(/\n/g, '\\n');
}
