/**
 * Chromium's version, part of every report's cache key. Asking the binary costs ~0.2 s and
 * launching a browser ~0.5 s, so the answer is cached by the binary's path, size and mtime:
 * a no-op rebuild never starts Chromium.
 */
import { execFile } from 'node:child_process';
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { PipelineError, ExitCode } from '../errors.ts';
import { writeFileAtomic } from '../io/write-atomic.ts';

const run = promisify(execFile);

/** `Chromium 156.0.8078.108 …` for `executable`, cached in `cacheDir`. */
export async function chromiumVersion(executable: string, cacheDir: string): Promise<string> {
  let identity: string;
  try {
    const real = await realpath(executable);
    const info = await stat(real);
    identity = `${real}:${info.size}:${info.mtimeMs}`;
  } catch (error) {
    throw new PipelineError(`Failed to launch the browser process: cannot find Chromium at ${executable}`, {
      code: ExitCode.pdf,
      cause: error,
      hint: "Run `make deps` (installs Debian's chromium) or set PUPPETEER_EXECUTABLE_PATH to a Chromium binary.",
    });
  }
  const file = path.join(cacheDir, 'chromium-version.json');
  const cached = await readFile(file, 'utf8').then(
    (text) => JSON.parse(text) as { identity: string; version: string },
    () => undefined,
  );
  if (cached?.identity === identity) return cached.version;
  const { stdout } = await run(executable, ['--version'], { timeout: 15_000 }).catch((error: unknown) => {
    // Not executable, crashing or hanging: the README's launch failure (exit 5), not a bug.
    throw new PipelineError(
      `Failed to launch the browser process ${executable}: \`--version\` failed (${(error as Error).message.split('\n')[0]})`,
      {
        code: ExitCode.pdf,
        cause: error,
        hint: "Run `make deps` (installs Debian's chromium) or set PUPPETEER_EXECUTABLE_PATH to a Chromium binary.",
      },
    );
  });
  const version = stdout.trim().split('\n')[0] ?? 'unknown';
  await writeFileAtomic(file, JSON.stringify({ identity, version }));
  return version;
}
