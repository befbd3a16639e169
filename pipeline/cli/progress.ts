/** Build progress: a bar with ETA on a terminal (cli-progress), plain lines in CI and logs. */
import cliProgress from 'cli-progress';
import type { BuildEvent } from '../run/index.ts';
import { escapeTerminalLine } from './escape-terminal.ts';

export function createProgress(stream: NodeJS.WritableStream, interactive: boolean): (event: BuildEvent) => void {
  let bar: cliProgress.SingleBar | undefined;
  let done = 0;
  let total = 0;
  return (event) => {
    if (event.type === 'start') {
      total = event.total;
      if (interactive) {
        bar = new cliProgress.SingleBar(
          {
            stream: stream as NodeJS.WriteStream,
            format: ' {bar} {value}/{total} | {kommun} | ETA {eta_formatted}',
            hideCursor: true,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, 0, { kommun: '' });
      }
      return;
    }
    done += 1;
    const { outcome } = event;
    if (bar) {
      bar.update(done, { kommun: escapeTerminalLine(outcome.kommun) });
      if (done === total) bar.stop();
    } else {
      const detail =
        outcome.status === 'rendered'
          ? ` ${outcome.record?.pages} pages, ${Math.round(outcome.ms)} ms`
          : outcome.status === 'failed'
            ? `: ${outcome.error?.message}`
            : '';
      // Names and messages come from data: their control characters are escaped.
      stream.write(
        `${escapeTerminalLine(`[${String(done).padStart(String(total).length)}/${total}] ${outcome.status.padEnd(8)} ${outcome.kommunkod} ${outcome.kommun}${detail}`)}\n`,
      );
    }
    for (const warning of outcome.warnings)
      stream.write(`${escapeTerminalLine(`WARN ${outcome.kommunkod} ${outcome.kommun}: ${warning}`)}\n`);
  };
}
