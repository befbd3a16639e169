/** Reads one template file for the compose stage, naming it relative to `root` on failure. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { TemplateError } from '../errors.ts';
import type { TemplateSource } from './types.ts';

/** `what` names the template in the message: "the template", "the brief's template". */
export async function readTemplateSource(file: string, root: string, what: string): Promise<TemplateSource> {
  const rel = path.relative(root, file);
  try {
    return { file: rel, text: await readFile(file, 'utf8') };
  } catch (error) {
    throw new TemplateError(
      rel,
      undefined,
      `Cannot read ${what}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      { cause: error },
    );
  }
}
