/**
 * Progress of the analysis inside `build`, `serve`, `publish` and `analyse`: on an empty cache the
 * DEA, the bootstrap and the yearly panel take a minute or more before the first report prints,
 * which used to pass in silence. A bar with an estimate on a terminal (cli-progress), a line
 * about every tenth of the way with the time left in logs and CI.
 */
import cliProgress from 'cli-progress';
import type { AnalysisProgress, AnalysisProgressEvent } from '../analyse/index.ts';

const STEPS: Record<AnalysisProgressEvent['step'], { label: string; unit: string }> = {
  dea: { label: 'DEA per area', unit: 'areas' },
  bootstrap: { label: 'Bootstrap intervals', unit: 'replicates' },
  panel: { label: 'Yearly panel', unit: 'years' },
};

/** A progress line for logs: `Bootstrap intervals: 500/2000 replicates (25 %), about 45 s left`. */
export function formatProgressLine(event: AnalysisProgressEvent, elapsedMs: number): string {
  const { label, unit } = STEPS[event.step];
  const share = event.total > 0 ? event.done / event.total : 1;
  const head = `${label}: ${event.done}/${event.total} ${unit} (${Math.round(share * 100)} %)`;
  if (event.done >= event.total) return `${head}, done in ${formatSeconds(elapsedMs)}`;
  if (event.done === 0 || elapsedMs < 1000) return head;
  return `${head}, about ${formatSeconds((elapsedMs / event.done) * (event.total - event.done))} left`;
}

function formatSeconds(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  return s < 90 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/** The reporter for `prepareEdition`/`loadEditionData`, and `stop` to end a bar in progress. */
export function createAnalysisProgress(
  stream: NodeJS.WritableStream,
  interactive: boolean,
  now: () => number = () => performance.now(),
): { onProgress: AnalysisProgress; stop: () => void } {
  let announced = false;
  let step: AnalysisProgressEvent['step'] | undefined;
  let started = 0;
  let lastTenth = -1;
  let bar: cliProgress.SingleBar | undefined;
  const stop = () => {
    bar?.stop();
    bar = undefined;
  };
  const onProgress: AnalysisProgress = (event) => {
    if (!announced) {
      announced = true;
      stream.write(
        'The data, model or settings changed since the last analysis: analysing before anything is printed (cached afterwards).\n',
      );
    }
    if (event.step !== step) {
      stop();
      step = event.step;
      started = now();
      lastTenth = -1;
      if (interactive) {
        bar = new cliProgress.SingleBar(
          {
            stream: stream as NodeJS.WriteStream,
            format: ` ${STEPS[event.step].label.padEnd(20)} {bar} {value}/{total} ${STEPS[event.step].unit} | ETA {eta_formatted}`,
            hideCursor: true,
            etaBuffer: 50,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(event.total, event.done);
      }
    }
    if (bar) {
      bar.update(event.done);
      if (event.done >= event.total) stop();
      return;
    }
    const tenth = event.total > 0 ? Math.floor((event.done / event.total) * 10) : 10;
    if (tenth > lastTenth) {
      lastTenth = tenth;
      stream.write(`${formatProgressLine(event, now() - started)}\n`);
    }
  };
  return { onProgress, stop };
}
