/**
 * Progress of the analysis's long steps, reported as data (the stage never prints): the DEA per
 * area, the Simar–Wilson bootstrap (B replicates; tens of seconds) and the yearly panel (one
 * analysis per year). The command line turns the events into a bar with an estimate.
 */
export interface AnalysisProgressEvent {
  step: 'dea' | 'bootstrap' | 'panel';
  /** Units of work done so far (areas, replicates, years) and their total. */
  done: number;
  total: number;
}

/** Receives progress events; must not throw. */
export type AnalysisProgress = (event: AnalysisProgressEvent) => void;
