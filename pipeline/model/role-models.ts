/**
 * Municipalities to learn from: the strongest DEA peers across areas, the best in the group
 * and the handbook's interviewed municipalities of the group. Never the municipality itself.
 */
import { formatNumber, formatPercent, joinSv, roundSignificant } from '../format/index.ts';
import { AREA_NAMES, AREAS, type Area, type EfficiencyRow, type Municipality } from '../load/types.ts';
import { HANDBOOK_MUNICIPALITIES } from './handbook-municipalities.ts';
import type { ModelContext } from './model-context.ts';
import type { RoleModel } from './types.ts';
import { phrase } from './phrases.ts';

/** How many DEA peers a report names as role models (the brief shows no more either). */
export const MAX_PEERS = 4;

/** Up to four DEA peers (weighted by the areas' cost) plus the best in the group. */
export function findRoleModels(ctx: ModelContext, m: Municipality, row: EfficiencyRow): RoleModel[] {
  const weight = new Map<string, number>();
  const areasOf = new Map<string, Area[]>();
  for (const area of AREAS) {
    const result = row.areas[area];
    for (const peer of result.jamforelse) {
      // An unranked peer (too little of its weight comparable) has no composite or rank to show.
      if (peer.kommunkod === m.kommunkod || !ctx.rowByCode.has(peer.kommunkod)) continue;
      weight.set(peer.kommunkod, (weight.get(peer.kommunkod) ?? 0) + peer.weight * (result.kostnadKr ?? 0));
      areasOf.set(peer.kommunkod, [...(areasOf.get(peer.kommunkod) ?? []), area]);
    }
  }
  const peers = [...weight.entries()].sort((a, b) => b[1] - a[1]).slice(0, MAX_PEERS);
  const models = peers.map(([code]) =>
    describe(
      ctx,
      m,
      code,
      phrase('forebilder', 'varfor.jamforelse', {
        omraden: joinSv(areasOf.get(code)!.map((area) => AREA_NAMES[area].toLowerCase())),
      }),
    ),
  );
  const best = [...(ctx.groupMembers.get(m.kommungruppKod) ?? [])].sort((a, b) => a.rang - b.rang)[0];
  if (best && best.kommunkod !== m.kommunkod) {
    const existing = models.find((model) => model.kommunkod === best.kommunkod);
    if (existing) existing.varfor += `; ${phrase('forebilder', 'varfor.ocksaBastIGruppen')}`;
    else models.push(describe(ctx, m, best.kommunkod, phrase('forebilder', 'varfor.bastIGruppen')));
  }
  return models.filter((model) => model.kommunkod !== m.kommunkod);
}

/** The handbook's interviewed municipalities in the reader's group, other than the reader. */
export function handbookInGroup(ctx: ModelContext, m: Municipality): { intervjuad: boolean; gruppensText: string } {
  const names = (ctx.groupMembers.get(m.kommungruppKod) ?? [])
    .filter((r) => HANDBOOK_MUNICIPALITIES.has(r.kommunkod) && r.kommunkod !== m.kommunkod)
    .map((r) => ctx.byCode.get(r.kommunkod)!.kommun)
    .sort((a, b) => a.localeCompare(b, 'sv'));
  return { intervjuad: HANDBOOK_MUNICIPALITIES.has(m.kommunkod), gruppensText: joinSv(names) };
}

function describe(ctx: ModelContext, reader: Municipality, code: string, varfor: string): RoleModel {
  const m = ctx.byCode.get(code)!;
  const row = ctx.rowByCode.get(code)!;
  const storlek = phrase('forebilder', 'storlek', { invanare: formatNumber(roundSignificant(m.invanare, 2)) });
  const jamforbarText =
    m.kommungruppKod === reader.kommungruppKod
      ? phrase('forebilder', 'jamforbar.sammaGrupp', { storlek })
      : phrase('forebilder', 'jamforbar.annanGrupp', { grupp: m.kommungrupp, storlek });
  return {
    kommunkod: code,
    namn: m.kommun,
    kommungrupp: m.kommungrupp,
    effektivitetText: formatPercent(row.effektivitet),
    rangText: phrase('ord', 'avAntal', { rang: row.rang, antal: ctx.input.table.length }),
    varfor,
    invanareText: formatNumber(m.invanare),
    jamforbarText,
    iHandboken: HANDBOOK_MUNICIPALITIES.has(code),
  };
}
