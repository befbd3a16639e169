/**
 * Request target → path segments inside the site, or null for anything that could leave the
 * site root or reach a hidden file. Pure, so every traversal trick is unit-tested.
 */

/** A request path that is safe to join onto the site root. */
export interface SitePath {
  /** Decoded segments, none empty, none `.`/`..`, none starting with a dot. */
  segments: string[];
  /** Whether the path ended in `/` (a folder). */
  folder: boolean;
}

/**
 * Rejects (returns null): non-origin-form targets, backslashes (raw or encoded; Windows
 * separators), NUL, empty inner segments, `.`/`..` and dot-files (also percent-encoded), and
 * double encoding (a `%` left after decoding, e.g. `%252e%252e`), which some servers decode
 * twice. Query and fragment are ignored.
 */
export function resolveRequestPath(target: string): SitePath | null {
  if (!target.startsWith('/')) return null;
  const pathname = target.split(/[?#]/, 1)[0]!;
  if (pathname.includes('\\')) return null;
  const raw = pathname.slice(1).split('/');
  const folder = raw.length > 0 && raw[raw.length - 1] === '';
  if (folder) raw.pop();
  const segments: string[] = [];
  for (const part of raw) {
    let segment: string;
    try {
      segment = decodeURIComponent(part);
    } catch {
      return null;
    }
    if (segment === '' || segment.startsWith('.') || /[\\/%\0]/.test(segment)) return null;
    segments.push(segment);
  }
  return { segments, folder: folder || segments.length === 0 };
}

/** A report a request refers to: its page or its PDF. */
export interface ReportTarget {
  kommunkod: string;
  slug: string;
  kind: 'page' | 'pdf';
}

const NAME = /^(\d{4})-([a-z0-9]+(?:-[a-z0-9]+)*)$/;

/** `kommun/<kod>-<slug>/[index.html]` or `pdf/<kod>-<slug>.pdf`; otherwise null. */
export function reportTarget({ segments }: SitePath): ReportTarget | null {
  const [top, name, file, ...rest] = segments;
  if (rest.length > 0 || !name) return null;
  if (top === 'kommun' && (file === undefined || file === 'index.html')) {
    const match = NAME.exec(name);
    return match ? { kommunkod: match[1]!, slug: match[2]!, kind: 'page' } : null;
  }
  if (top === 'pdf' && file === undefined && name.endsWith('.pdf')) {
    const match = NAME.exec(name.slice(0, -4));
    return match ? { kommunkod: match[1]!, slug: match[2]!, kind: 'pdf' } : null;
  }
  return null;
}

/** `api/rapporter/<kod>/regenerate` → kommunkod; otherwise null. */
export function regenerateTarget({ segments }: SitePath): string | null {
  const [api, rapporter, kod, action, ...rest] = segments;
  if (api !== 'api' || rapporter !== 'rapporter' || action !== 'regenerate' || rest.length > 0) return null;
  return kod && /^\d{4}$/.test(kod) ? kod : null;
}
