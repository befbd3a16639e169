/**
 * Errors written for users. A `PipelineError` is an expected failure (bad input, a broken
 * template, a renderer that gave up) and is printed without a stack; any other `Error` is a bug.
 */
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';

/** Exit codes, documented in the README. */
export const ExitCode = {
  ok: 0,
  /** Some reports failed; the others were written. */
  partial: 1,
  /** Wrong command-line usage. */
  usage: 2,
  /** Input data is invalid (CSV, model file, efficiency table). */
  data: 3,
  /** A template could not be compiled or rendered. */
  template: 4,
  /** The PDF renderer (Chromium) failed. */
  pdf: 5,
  /** An output file could not be written: no permission, read-only or full disk. */
  disk: 6,
  /** Interrupted by a signal. */
  interrupted: 130,
} as const;

export interface PipelineErrorOptions {
  cause?: unknown;
  hint?: string;
  code?: number;
}

/** Base class for expected, user-facing failures. */
export class PipelineError extends Error {
  /** Process exit code the CLI uses for this error. */
  readonly code: number;
  /** A sentence telling the user what to do about it. */
  readonly hint?: string;

  constructor(message: string, options: PipelineErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code ?? ExitCode.data;
    this.hint = options.hint;
  }
}

/** Where in an input file a problem sits. Lines and columns are 1-based. */
export interface DataLocation {
  file: string;
  line?: number;
  column?: string | number;
}

/** Invalid input data, located by file, line and column. */
export class DataError extends PipelineError {
  readonly location: DataLocation;

  constructor(location: DataLocation, message: string, options: PipelineErrorOptions = {}) {
    super(`${formatLocation(location)}: ${message}`, { code: ExitCode.data, ...options });
    this.location = location;
  }
}

/** Several data problems found in one pass, so the user can fix them all at once. */
export class DataErrors extends PipelineError {
  readonly errors: DataError[];

  constructor(file: string, errors: DataError[]) {
    const shown = errors.slice(0, 20).map((e) => `  - ${e.message}`);
    const more = errors.length > 20 ? [`  … and ${errors.length - 20} more`] : [];
    super([`${file}: ${errors.length} problem(s)`, ...shown, ...more].join('\n'), {
      code: ExitCode.data,
    });
    this.errors = errors;
  }
}

/** A template that cannot be parsed or rendered, located by file and line. */
export class TemplateError extends PipelineError {
  readonly template: string;
  readonly line?: number;

  constructor(template: string, line: number | undefined, message: string, options: PipelineErrorOptions = {}) {
    super(`${template}${line ? `:${line}` : ''}: ${message}`, { code: ExitCode.template, ...options });
    this.template = template;
    this.line = line;
  }
}

/** The renderer failed for one municipality. */
export class PdfError extends PipelineError {
  readonly kommunkod: string;

  constructor(kommunkod: string, message: string, options: PipelineErrorOptions = {}) {
    super(`${kommunkod}: ${message}`, { code: ExitCode.pdf, ...options });
    this.kommunkod = kommunkod;
  }
}

/** errno codes that mean "this disk or folder cannot take the write", not a bug or a flaky renderer. */
const DISK_CODES: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder, not a file',
  ENAMETOOLONG: 'a name in the path is too long (at most 255 bytes per name)',
  ELOOP: 'too many symbolic links in the path',
};

/** The hint of a disk error, by errno. */
function diskHint(errno: string): string {
  if (errno === 'ENOSPC' || errno === 'EDQUOT') return 'Free some space, or choose another folder with --output.';
  if (errno === 'ENOTDIR' || errno === 'EISDIR' || errno === 'ENAMETOOLONG' || errno === 'ELOOP')
    return 'Choose another output path with --output (or KOMMUNRAPPORT_OUTPUT).';
  return 'Make the folder writable, or choose another one with --output (or KOMMUNRAPPORT_OUTPUT).';
}

/** The errno of writing into the nearest existing ancestor of `dir`, when it is a disk code. */
function unwritableAncestor(dir: string): string | undefined {
  for (let current = path.dirname(dir); ; current = path.dirname(current)) {
    if (existsSync(current)) {
      try {
        accessSync(current, constants.W_OK);
        return undefined;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        return code && code in DISK_CODES ? code : undefined;
      }
    }
    if (current === path.dirname(current)) return undefined;
  }
}

/** A file or folder could not be written (permissions, read-only or full disk, a path that cannot be). */
export class DiskError extends PipelineError {
  readonly path: string;
  readonly errno: string;

  constructor(file: string, errno: string, options: PipelineErrorOptions = {}) {
    super(`Cannot write ${file}: ${DISK_CODES[errno] ?? errno} (${errno})`, {
      code: ExitCode.disk,
      hint: diskHint(errno),
      ...options,
    });
    this.path = file;
    this.errno = errno;
  }
}

/**
 * `error` (or an error in its cause chain) as a `DiskError` when it is a permission or space
 * failure of the file system; undefined otherwise. `file`, when given, is the path named (the
 * file the caller meant to write, rather than its temporary name).
 */
export function asDiskError(error: unknown, file?: string): DiskError | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 6; e = e.cause, depth += 1) {
    if (e instanceof DiskError) return e;
    // The browser binary's EACCES (a folder, a file without execute permission) is not the disk's.
    if (e instanceof BrowserLaunchError) return undefined;
    const errno = e as NodeJS.ErrnoException;
    if (errno.code && errno.code in DISK_CODES && (errno.syscall || errno.path || file)) {
      return new DiskError(file ?? errno.path ?? 'the output folder', errno.code, { cause: e });
    }
    // Node's recursive mkdir reports ENOENT when the folder it should create is on a
    // read-only or unwritable file system: ask the nearest existing folder what it is.
    if (errno.code === 'ENOENT' && errno.syscall === 'mkdir' && errno.path) {
      const code = unwritableAncestor(errno.path);
      if (code) return new DiskError(file ?? errno.path, code, { cause: e });
    }
  }
  return undefined;
}

/** Chromium could not be started (missing or broken binary, no resources to spawn it). */
export class BrowserLaunchError extends PipelineError {
  constructor(executable: string, reason: string, options: PipelineErrorOptions = {}) {
    super(`Failed to launch the browser process ${executable}: ${reason}`, {
      code: ExitCode.pdf,
      hint: 'Install Chromium (`make deps`) or set PUPPETEER_EXECUTABLE_PATH to a working Chromium binary.',
      ...options,
    });
  }
}

/** A failure no retry can mend within this run: every further report would fail the same way. */
export function isFatalForRun(error: unknown): boolean {
  return error instanceof DiskError || error instanceof BrowserLaunchError;
}

/** Wrong command-line usage. */
export class UsageError extends PipelineError {
  constructor(message: string, options: PipelineErrorOptions = {}) {
    super(message, { code: ExitCode.usage, ...options });
  }
}

/** `file:line:column` as editors and terminals understand it. */
export function formatLocation({ file, line, column }: DataLocation): string {
  let out = file;
  if (line !== undefined) out += ` line ${line}`;
  if (column !== undefined) out += `, column ${typeof column === 'number' ? column : `\`${column}\``}`;
  return out;
}
