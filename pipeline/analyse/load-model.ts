import { readFile } from 'node:fs/promises';
import { DataError } from '../errors.ts';
import type { DeaModel } from './model-types.ts';
import { parseModel } from './parse-model.ts';

/** Reads and validates a DEA model file (data/modell.yaml); see `parseModel`. */
export async function loadModel(file: string): Promise<DeaModel> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new DataError(
      { file },
      'Cannot read the model file: it does not exist or is not readable; expected a YAML file',
      { cause: error },
    );
  }
  return parseModel(text, file);
}
