/**
 * `data/kolada/provenance.json`: per KPI where its figures come from, when they were fetched,
 * from which API, for which years, and whether Kolada calls a year preliminary. Written by
 * `kommunrapport data update`; read by the build to print "preliminära uppgifter".
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { KoladaKpiMeta } from './kolada-types.ts';

export const PROVENANCE_FILE = path.join('kolada', 'provenance.json');

export type YearStatus = 'preliminary' | 'final';

export interface KpiYearProvenance {
  status: YearStatus;
  /** Municipalities with a value. */
  municipalities: number;
  /** Date (YYYY-MM-DD) of the fetch that wrote this year. */
  fetched: string;
  apiUrl: string;
}

export interface KpiProvenance {
  title: string;
  description: string | null;
  operatingArea: string | null;
  publicationDate: string | null;
  prelPublicationDate: string | null;
  publPeriod: string | null;
  years: Record<string, KpiYearProvenance>;
}

export interface Provenance {
  format: 1;
  source: string;
  attribution: string;
  /** ISO time of the last update. */
  updated: string;
  kpis: Record<string, KpiProvenance>;
}

export interface DefinitionChange {
  kpi: string;
  field: 'title' | 'description';
  before: string | null;
  after: string | null;
}

/** The provenance file of `dataDir`, or undefined when there is none (data from the DDF dump). */
export async function readProvenance(dataDir: string): Promise<Provenance | undefined> {
  try {
    const json = JSON.parse(await readFile(path.join(dataDir, PROVENANCE_FILE), 'utf8')) as Provenance;
    return json && json.format === 1 && json.kpis ? json : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether Kolada calls `year` of a KPI preliminary: a value's status says so, or `year` is
 * the KPI's `publ_period` and today lies between its preliminary and its final publication
 * date (our reading of the v3 KPI fields; Kolada publishes many KPIs first as preliminary).
 */
export function yearStatus(
  meta: KoladaKpiMeta,
  year: number,
  today: string,
  valueStatuses: Iterable<string> = [],
): YearStatus {
  for (const status of valueStatuses) if (/prel/i.test(status)) return 'preliminary';
  const period = meta.publ_period == null ? undefined : Number(meta.publ_period);
  if (period !== year) return 'final';
  const prel = meta.prel_publication_date ?? undefined;
  const final = meta.publication_date ?? undefined;
  if (final && today >= final.slice(0, 10)) return 'final';
  return prel && today >= prel.slice(0, 10) ? 'preliminary' : 'final';
}

/** The provenance after a fetch: fetched KPI-years replaced, everything else kept. */
export function mergeProvenance(
  previous: Provenance | undefined,
  metas: Map<string, KoladaKpiMeta>,
  fetchedYears: Map<string, Map<number, { status: YearStatus; municipalities: number }>>,
  apiUrl: string,
  now: Date,
): Provenance {
  const fetched = now.toISOString().slice(0, 10);
  const kpis: Record<string, KpiProvenance> = { ...(previous?.kpis ?? {}) };
  for (const [kpi, byYear] of fetchedYears) {
    const meta = metas.get(kpi);
    const old = kpis[kpi];
    const years = { ...(old?.years ?? {}) };
    for (const [year, info] of byYear) years[String(year)] = { ...info, fetched, apiUrl };
    kpis[kpi] = {
      title: meta?.title ?? old?.title ?? kpi,
      description: meta?.description ?? old?.description ?? null,
      operatingArea: meta?.operating_area ?? old?.operatingArea ?? null,
      publicationDate: meta?.publication_date ?? null,
      prelPublicationDate: meta?.prel_publication_date ?? null,
      publPeriod: meta?.publ_period == null ? null : String(meta.publ_period),
      years: Object.fromEntries(Object.entries(years).sort(([a], [b]) => a.localeCompare(b))),
    };
  }
  const sorted = Object.fromEntries(Object.entries(kpis).sort(([a], [b]) => a.localeCompare(b)));
  return {
    format: 1,
    source: 'Kolada, Rådet för främjande av kommunala analyser (RKA), öppet API v3',
    attribution: 'Källa: Kolada',
    updated: now.toISOString(),
    kpis: sorted,
  };
}

/** KPIs whose title or description differs from the last fetch. */
export function definitionChanges(
  previous: Provenance | undefined,
  metas: Map<string, KoladaKpiMeta>,
): DefinitionChange[] {
  const changes: DefinitionChange[] = [];
  for (const [kpi, meta] of metas) {
    const old = previous?.kpis[kpi];
    if (!old) continue;
    if (old.title !== meta.title) changes.push({ kpi, field: 'title', before: old.title, after: meta.title });
    const description = meta.description ?? null;
    if (old.description !== description)
      changes.push({ kpi, field: 'description', before: old.description, after: description });
  }
  return changes;
}

/** True when Kolada calls any of `kpis` preliminary for `year`. */
export function isPreliminary(provenance: Provenance | undefined, kpis: readonly string[], year: number): boolean {
  return kpis.some((kpi) => provenance?.kpis[kpi]?.years[String(year)]?.status === 'preliminary');
}
