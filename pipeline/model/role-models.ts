/** Municipalities to learn from: the strongest DEA peers across areas, and the best in the group. */
import { formatPercent } from '../format/index.ts';
import { AREA_NAMES, AREAS, type Area, type EfficiencyRow, type Municipality } from '../load/types.ts';
import type { ModelContext } from './model-context.ts';
import type { RoleModel } from './types.ts';

const MAX_PEERS = 4;

/** Up to four DEA peers (weighted by the areas' cost) plus the best in the group. */
export function findRoleModels(ctx: ModelContext, m: Municipality, row: EfficiencyRow): RoleModel[] {
  const weight = new Map<string, number>();
  const areasOf = new Map<string, Area[]>();
  for (const area of AREAS) {
    const result = row.areas[area];
    for (const peer of result.jamforelse) {
      if (peer.kommunkod === m.kommunkod) continue;
      weight.set(peer.kommunkod, (weight.get(peer.kommunkod) ?? 0) + peer.weight * (result.kostnadKr ?? 0));
      areasOf.set(peer.kommunkod, [...(areasOf.get(peer.kommunkod) ?? []), area]);
    }
  }
  const peers = [...weight.entries()].sort((a, b) => b[1] - a[1]).slice(0, MAX_PEERS);
  const models = peers.map(([code]) =>
    describe(ctx, code, `Jämförelsekommun i ${joinSv(areasOf.get(code)!.map((area) => AREA_NAMES[area].toLowerCase()))}`),
  );
  const best = [...(ctx.groupMembers.get(m.kommungruppKod) ?? [])].sort((a, b) => a.rang - b.rang)[0];
  if (best && best.kommunkod !== m.kommunkod) {
    const existing = models.find((model) => model.kommunkod === best.kommunkod);
    if (existing) existing.varfor += '; bäst i er kommungrupp';
    else models.push(describe(ctx, best.kommunkod, 'Bäst i er kommungrupp'));
  }
  return models;
}

function describe(ctx: ModelContext, code: string, varfor: string): RoleModel {
  const m = ctx.byCode.get(code)!;
  const row = ctx.rowByCode.get(code)!;
  return {
    kommunkod: code,
    namn: m.kommun,
    kommungrupp: m.kommungrupp,
    effektivitetText: formatPercent(row.effektivitet),
    rangText: `${row.rang} av ${ctx.input.table.length}`,
    varfor,
  };
}

/** `a, b och c` */
export function joinSv(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} och ${items.at(-1)}`;
}
