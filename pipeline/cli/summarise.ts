/** The end-of-build summary lines. */
import type { BuildSummary } from '../run/index.ts';
import { escapeTerminalLine } from './escape-terminal.ts';

export function summarise(summary: BuildSummary, planned: number): string {
  const count = (status: string) => summary.outcomes.filter((o) => o.status === status).length;
  const rendered = summary.outcomes.filter((o) => o.status === 'rendered');
  const pages = rendered.map((o) => o.record?.pages ?? 0);
  const lines = [
    `Done in ${(summary.wallMs / 1000).toFixed(1)} s: ${count('rendered')} rendered, ${count('skipped')} up to date, ${count('failed')} failed` +
      (summary.outcomes.length < planned ? `, ${planned - summary.outcomes.length} not started (interrupted)` : '') +
      '.',
  ];
  if (rendered.length > 0) {
    lines.push(
      `Pages per report: ${Math.min(...pages)}–${Math.max(...pages)}; ${(summary.wallMs / rendered.length).toFixed(0)} ms per rendered report; Chromium launched ${summary.launches}×.`,
    );
  }
  const briefs = summary.briefs ?? [];
  if (briefs.length > 0) {
    const briefCount = (status: string) => briefs.filter((o) => o.status === status).length;
    lines.push(
      `Briefs (2 pages): ${briefCount('rendered')} rendered, ${briefCount('skipped')} up to date, ${briefCount('failed')} failed.`,
    );
  }
  for (const brief of briefs) {
    for (const warning of brief.warnings) lines.push(`WARN ${brief.kommunkod} ${brief.kommun}: ${warning}`);
    if (brief.status === 'failed')
      lines.push(
        `FAILED brief ${brief.kommunkod} ${brief.kommun}: ${brief.error?.message}${brief.error?.cause instanceof Error ? ` (because: ${brief.error.cause.message.split('\n')[0]})` : ''}`,
      );
  }
  for (const failed of summary.outcomes.filter((o) => o.status === 'failed')) {
    lines.push(
      escapeTerminalLine(
        `FAILED ${failed.kommunkod} ${failed.kommun}: ${failed.error?.message}${failed.error?.cause instanceof Error ? ` (because: ${failed.error.cause.message.split('\n')[0]})` : ''}`,
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}
