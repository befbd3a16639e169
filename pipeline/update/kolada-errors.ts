import { ExitCode, PipelineError, type PipelineErrorOptions } from '../errors.ts';

/**
 * Kolada answered something the updater cannot use, or not at all after the last try. Exit
 * code 3 (invalid input data); the message names the URL.
 */
export class KoladaResponseError extends PipelineError {
  readonly url: string;
  /** True for failures another try may cure (network, 429, 5xx, a cut-off body). */
  readonly retryable: boolean;

  constructor(url: string, message: string, options: PipelineErrorOptions & { retryable?: boolean } = {}) {
    super(`${url}: ${message}`, { code: ExitCode.data, ...options });
    this.url = url;
    this.retryable = options.retryable ?? false;
  }
}

/** The fetched data failed validation; nothing was written. */
export class UpdateValidationError extends PipelineError {
  constructor(message: string, options: PipelineErrorOptions = {}) {
    super(message, { code: ExitCode.data, hint: 'Nothing in the data folder was changed.', ...options });
  }
}
