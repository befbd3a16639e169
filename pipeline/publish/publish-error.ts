/** The site could not be published; the previous edition stays in place. */
import { PipelineError, type PipelineErrorOptions } from '../errors.ts';

/** A publish failure (I/O, templates, a locked site). Exit code as for data problems. */
export class PublishError extends PipelineError {
  constructor(message: string, options: PipelineErrorOptions = {}) {
    super(message, options);
  }
}
