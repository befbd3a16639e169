/**
 * A local stand-in for Kolada's open API v3 (node:http on 127.0.0.1, a random port), answering
 * in the shapes of tests/fixtures/kolada-api/ (README there says where each comes from):
 * paging with `next_url`, Riket and regions, gender splits, `null` values, and faults on
 * demand (429/503 with Retry-After, a cut-off body, a missing `values` field, a stall, an
 * unknown municipality code, a KPI that was not asked for). It refuses more than 25 ids per path segment, as Kolada does.
 */
import { readFileSync, readdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export type Values = Map<string, Map<number, Map<string, number | null>>>;

export interface KpiMetaFixture {
  id: string;
  title: string;
  description?: string | null;
  publication_date?: string | null;
  prel_publication_date?: string | null;
  publ_period?: string | null;
  [key: string]: unknown;
}

export interface Fault {
  /** Which requests (path and query) the fault applies to. */
  match: RegExp;
  kind:
    | '429'
    | '503'
    | 'truncated'
    | 'missing-values'
    | 'stall'
    | 'unknown-code'
    | 'unknown-kpi'
    // Issue 24: an answer of `bytes` (declared in Content-Length, or streamed without it), a
    // maintenance page, `NaN`, a next_url to another origin, one municipality twice.
    | 'huge'
    | 'huge-chunked'
    | 'html'
    | 'nan'
    | 'foreign-next'
    | 'file-next'
    | 'duplicate';
  /** How many matching requests get the fault (default: all). */
  times?: number;
  retryAfter?: string;
  /** Size of a 'huge' answer (default 200 MB). */
  bytes?: number;
}

export interface StandInOptions {
  values: Values;
  metas: KpiMetaFixture[];
  /** Data rows per page (default 2000). */
  pageSize?: number;
  faults?: Fault[];
  /** KPIs whose rows carry K and M besides T. */
  genderSplit?: Set<string>;
}

export interface StandIn {
  /** Base URL, like https://api.kolada.se/v3. */
  url: string;
  /** Path and query of every request, in order, with the time it arrived. */
  log: { path: string; at: number }[];
  maxInFlight: number;
  faults: Fault[];
  close(): Promise<void>;
}

const REGIONS = ['0000', ...Array.from({ length: 21 }, (_, i) => `00${String(i + 1).padStart(2, '0')}`)];

export async function startStandIn(options: StandInOptions): Promise<StandIn> {
  const pageSize = options.pageSize ?? 2000;
  const faults = (options.faults ?? []).map((f) => ({ ...f }));
  let inFlight = 0;
  const state: StandIn = { url: '', log: [], maxInFlight: 0, faults, close: async () => undefined };
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    inFlight += 1;
    state.maxInFlight = Math.max(state.maxInFlight, inFlight);
    res.on('close', () => (inFlight -= 1));
    const url = new URL(req.url ?? '/', state.url);
    const pathAndQuery = `${url.pathname}${url.search}`;
    state.log.push({ path: pathAndQuery, at: Date.now() });
    const fault = faults.find((f) => f.match.test(pathAndQuery) && (f.times === undefined || f.times > 0));
    if (fault && fault.times !== undefined) fault.times -= 1;
    // Answer a little later, so that concurrent requests overlap as on a real network.
    setTimeout(() => answer(url, fault, res), 5);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  function answer(url: URL, fault: Fault | undefined, res: http.ServerResponse) {
    if (fault?.kind === 'stall') return; // never answers; the client's timeout must fire
    if (fault?.kind === 'huge' || fault?.kind === 'huge-chunked')
      return sendHuge(res, fault.bytes ?? 200 * 1024 * 1024, fault.kind === 'huge');
    if (fault?.kind === 'html') {
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end('<!DOCTYPE html><html><body><h1>Planerat underhåll</h1></body></html>');
      return;
    }
    if (fault?.kind === 'nan') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('NaN');
      return;
    }
    if (fault?.kind === '429' || fault?.kind === '503') {
      const headers: http.OutgoingHttpHeaders = { 'content-type': 'application/json' };
      if (fault.retryAfter !== undefined) headers['retry-after'] = fault.retryAfter;
      res
        .writeHead(Number(fault.kind), headers)
        .end(JSON.stringify({ error: fault.kind === '429' ? 'Too Many Requests' : 'Service Unavailable' }));
      return;
    }
    const route = /^\/v3\/(?:kpi\/([^/]+)|data\/kpi\/([^/]+)\/year\/([^/]+))$/.exec(url.pathname);
    if (!route) return json(res, 404, { error: 'not found' });
    const ids = (route[1] ?? route[2])!.split(',');
    const years = route[3]?.split(',').map(Number) ?? [];
    if (ids.length > 25 || years.length > 25) return json(res, 400, { error: 'at most 25 values per parameter' });
    let body: Record<string, unknown>;
    if (route[1]) {
      body = { values: options.metas.filter((m) => ids.includes(m.id)), count: 0 };
      (body.values as unknown[]).length && (body.count = (body.values as unknown[]).length);
    } else {
      const rows = dataRows(ids, years, fault?.kind === 'unknown-code');
      if (fault?.kind === 'unknown-kpi') rows.unshift(row('N99999', '0114', years[0]!, 1));
      if (fault?.kind === 'duplicate') {
        const first = rows.find((r) => /^0[1-9]\d\d$/.test((r as { municipality: string }).municipality)) as {
          kpi: string;
          municipality: string;
          period: number;
          values: { value: number }[];
        };
        rows.splice(1, 0, row(first.kpi, first.municipality, first.period, first.values.at(-1)!.value + 1));
      }
      const page = Number(url.searchParams.get('page') ?? '1');
      const slice = rows.slice((page - 1) * pageSize, page * pageSize);
      const next =
        page * pageSize < rows.length
          ? `${state.url}${url.pathname.slice(3)}?page=${page + 1}&per_page=${pageSize}`
          : undefined;
      body = { values: slice, count: slice.length, ...(next ? { next_url: next } : {}) };
      if (fault?.kind === 'foreign-next')
        body.next_url = 'http://kolada.example.invalid/v3/data/kpi/N00901/year/2023?page=2';
      if (fault?.kind === 'file-next') body.next_url = 'file:///etc/passwd';
    }
    if (fault?.kind === 'missing-values') delete body.values;
    const text = JSON.stringify(body);
    if (fault?.kind === 'truncated') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(text.slice(0, Math.floor(text.length / 2)));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(text);
  }

  function dataRows(kpis: string[], years: number[], unknownCode: boolean) {
    const rows: unknown[] = [];
    for (const kpi of kpis) {
      for (const year of years) {
        const byCode = options.values.get(kpi)?.get(year);
        if (!byCode || byCode.size === 0) continue;
        const present = [...byCode.values()].filter((v): v is number => v !== null);
        const mean = present.reduce((a, b) => a + b, 0) / Math.max(1, present.length);
        for (const region of REGIONS) rows.push(row(kpi, region, year, mean));
        for (const [code, value] of byCode) rows.push(row(kpi, code, year, value));
        if (unknownCode) rows.push(row(kpi, '0999', year, mean));
      }
    }
    return rows;
  }

  function row(kpi: string, municipality: string, period: number, value: number | null) {
    const values: unknown[] = [{ gender: 'T', status: '', value, count: value === null ? 0 : 1 }];
    if (options.genderSplit?.has(kpi) && value !== null) {
      values.unshift(
        { gender: 'K', status: '', value: value * 0.49, count: 1 },
        { gender: 'M', status: '', value: value * 0.51, count: 1 },
      );
    }
    return { kpi, municipality, period, values };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v3`;
  state.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return state;
}

/** Streams `bytes` of a JSON string without holding them (a runaway proxy or a wrong URL). */
function sendHuge(res: http.ServerResponse, bytes: number, declared: boolean) {
  res.writeHead(200, {
    'content-type': 'application/json',
    ...(declared ? { 'content-length': String(Math.round(bytes)) } : {}),
  });
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  let sent = 0;
  const write = () => {
    while (sent < bytes) {
      const part = sent + chunk.length > bytes ? chunk.subarray(0, bytes - sent) : chunk;
      sent += part.length;
      if (!res.write(part)) return void res.once('drain', write);
    }
    res.end();
  };
  res.on('close', () => (sent = bytes));
  write();
}

function json(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** Municipality values per KPI and year from a data folder's kolada/ files (the loaders' view). */
export function valuesFromDataDir(dataDir: string): Values {
  const values: Values = new Map();
  const dir = path.join(dataDir, 'kolada');
  for (const name of readdirSync(dir)) {
    const kpi = /^ddf--datapoints--(\w+)--by--geo--year\.csv$/.exec(name)?.[1]?.toUpperCase();
    if (!kpi) continue;
    const byYear = new Map<number, Map<string, number | null>>();
    for (const line of readFileSync(path.join(dir, name), 'utf8').split(/\r?\n/).slice(1)) {
      const [geo, year, cell] = line.split(',');
      if (!geo || !/^\d{4}$/.test(geo) || !cell) continue;
      if (!byYear.has(Number(year))) byYear.set(Number(year), new Map());
      byYear.get(Number(year))!.set(geo, Number(cell));
    }
    values.set(kpi, byYear);
  }
  return values;
}

/** KPI metadata for the stand-in in the v3 shape (tests/fixtures/kolada-api/kpi-meta.json). */
export function metasFor(kpis: Iterable<string>, overrides: Partial<KpiMetaFixture> = {}): KpiMetaFixture[] {
  return [...kpis].map((id) => ({
    id,
    title: `Nyckeltal ${id}`,
    description: `Definition av ${id} (stand-in)`,
    is_divided_by_gender: false,
    municipality_type: 'K',
    auspice: null,
    operating_area: 'Test',
    perspective: 'Resurser',
    prel_publication_date: null,
    publication_date: '2024-04-30',
    publ_period: '2023',
    has_ou_data: false,
    ...overrides,
  }));
}
