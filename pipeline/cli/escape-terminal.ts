/**
 * Text for a terminal: control characters (ESC sequences could move the cursor, clear the
 * screen or set the window title; CR could overwrite a line) become visible escapes. Data
 * such as a municipality's name in kommuner.csv must never steer the user's terminal.
 */

// C0 controls except TAB and LF, DEL, and C1 controls (U+009B is a one-byte CSI).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** `text` with control characters written as `\x1b`-style escapes; TAB and LF are kept. */
export function escapeTerminal(text: string): string {
  return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** One line of `text`: as `escapeTerminal`, and LF escaped too. */
export function escapeTerminalLine(text: string): string {
  return escapeTerminal(text).replace(/\n/g, '\\n');
}
