/**
 * Keeps projected map shapes on disk: projecting all 290 municipalities takes ~0.4 s, which a
 * one-report build or a server render would otherwise pay on every start.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { MapGeometry, ProjectedMap } from '../charts/index.ts';

/** `geometry` with `projected` results also cached in `dir`, keyed by the map's hash and size. */
export function withDiskCache(geometry: MapGeometry, dir: string, mapHash: string): MapGeometry {
  const memory = new Map<string, ProjectedMap>();
  return {
    features: geometry.features,
    projected(width, height, padding = 4) {
      const key = `${width}x${height}x${padding}`;
      const cached = memory.get(key);
      if (cached) return cached;
      const file = path.join(dir, `map-${mapHash.slice(0, 16)}-${key}.json`);
      let map: ProjectedMap;
      try {
        map = JSON.parse(readFileSync(file, 'utf8')) as ProjectedMap;
      } catch {
        map = geometry.projected(width, height, padding);
        // Synchronous, because `projected` is; written under a temporary name, then renamed.
        mkdirSync(dir, { recursive: true });
        writeFileSync(`${file}.${process.pid}.tmp`, JSON.stringify(map));
        renameSync(`${file}.${process.pid}.tmp`, file);
      }
      memory.set(key, map);
      return map;
    },
  };
}
