/**
 * One access-log line per request in the combined log format of Apache and nginx, which log
 * tools read as is: `host - - [time] "request" status bytes "referer" "user-agent"`. The user
 * field is always `-`: the bearer token of the regenerate endpoint is never written.
 */

/** What a log line says about one request. */
export interface AccessLogEntry {
  remoteAddress: string | undefined;
  method: string | undefined;
  url: string | undefined;
  httpVersion: string;
  status: number;
  /** Body bytes sent (0: none). */
  bytes: number;
  referer: string | undefined;
  userAgent: string | undefined;
  time: Date;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The line, without its newline. */
export function formatAccessLogLine(entry: AccessLogEntry): string {
  const host = (entry.remoteAddress ?? '-').replace(/^::ffff:/, '');
  const request = `${entry.method ?? '-'} ${entry.url ?? '-'} HTTP/${entry.httpVersion}`;
  return `${host} - - [${clfTime(entry.time)}] "${escapeField(request)}" ${entry.status} ${entry.bytes > 0 ? entry.bytes : '-'} "${escapeField(entry.referer ?? '-')}" "${escapeField(entry.userAgent ?? '-')}"`;
}

/** `07/Dec/2026:03:10:00 +0000` (UTC). */
function clfTime(time: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(time.getUTCDate())}/${MONTHS[time.getUTCMonth()]}/${time.getUTCFullYear()}:${pad(time.getUTCHours())}:${pad(time.getUTCMinutes())}:${pad(time.getUTCSeconds())} +0000`;
}

/**
 * A field as Apache writes it: `"` and `\` escaped, control characters as `\xhh`; and, since
 * the log is read in terminals, bidi controls and line separators too (`\u202e`).
 */
export function escapeField(text: string): string {
  // Node hands header bytes over as Latin-1: read them as the UTF-8 clients send.
  const decoded = /^[\u0000-\u00ff]*$/.test(text) ? Buffer.from(text, 'latin1').toString('utf8') : text;
  return decoded
    .replace(/[\\"]/g, (c) => `\\${c}`)
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
    .replace(
      /[\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
}
