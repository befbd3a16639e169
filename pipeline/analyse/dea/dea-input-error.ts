import { PipelineError, ExitCode } from '../../errors.ts';

/** A DEA problem the engine cannot solve as given (non-positive input, no output, NaN …). */
export class DeaInputError extends PipelineError {
  /** The unit (DMU) concerned, when there is one. */
  readonly unit?: string;

  constructor(message: string, unit?: string) {
    super(message, { code: ExitCode.data });
    this.unit = unit;
  }
}
