/** A command's options parsed strictly; a wrong one is a usage error that points to the command's help. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../errors.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses `argv` (no positionals); on an unknown or malformed option throws a `UsageError` with the
 * parser's message (followed by `usage` when given) and the hint "See `kommunrapport <command> --help`."
 */
export function parseCommandArgs<const O extends Options>(argv: string[], options: O, command: string, usage?: string) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false });
  } catch (error) {
    const message = (error as Error).message;
    throw new UsageError(usage ? `${message}; ${usage}` : message, {
      hint: `See \`kommunrapport ${command} --help\`.`,
    });
  }
}
