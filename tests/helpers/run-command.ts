/** Runs one CLI command in process (no child, no disk of its own) and collects what it writes to stdout. */
import { PassThrough } from 'node:stream';
import type { Command } from '../../pipeline/cli/types.ts';

/** The exit code and stdout of `command` with `argv`; a thrown error gives code −1 and its message. */
export async function runCommand(command: Command, argv: string[]): Promise<{ code: number; out: string }> {
  const stdout = new PassThrough();
  const chunks: string[] = [];
  stdout.on('data', (c) => chunks.push(String(c)));
  try {
    const code = await command({
      argv,
      stdout,
      stderr: new PassThrough(),
      cwd: process.cwd(),
      env: {},
      interactive: false,
    });
    return { code, out: chunks.join('') };
  } catch (error) {
    return { code: -1, out: (error as Error).message };
  }
}
