/**
 * Builds `data/geo/kommuner.topo.json` from the municipality GeoJSON in ../shared/data/raw.
 * Reproducible: same input and constants give the same bytes. Run with
 * `npx tsx pipeline/charts/scripts/build-map.ts [input.geojson] [output.topo.json]`.
 * This is a developer script (an I/O shell), so it may read, write and print.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { geoArea } from 'd3-geo';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { quantize } from 'topojson-client';
import { topology } from 'topojson-server';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { filter, filterWeight, presimplify, quantile, simplify, sphericalTriangleArea } from 'topojson-simplify';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const input = process.argv[2] ?? `${root}../shared/data/raw/swedish_municipalities.geojson`;
const output = process.argv[3] ?? `${root}data/geo/kommuner.topo.json`;

/** Grid used to find shared borders: 1e5 (≈ 10 m) snaps neighbours' vertices together. */
const QUANTIZATION = 1e5;
/** Grid of the written file: 1e4 (≈ 160 m north–south) is finer than a pixel of a 2 000 px map. */
const OUTPUT_QUANTIZATION = 1e4;
/** Share of points kept by Visvalingam simplification; the source is already mapshaper-2 %. */
const KEEP = 0.6;
/** Islands smaller than this (steradians, ≈ 2 km²) are dropped; municipalities themselves never are. */
const MIN_RING_AREA = 5e-8;

type Area = Polygon | MultiPolygon;

/** Planar shoelace area in lon/lat; positive means counter-clockwise. */
function signedArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0, n = ring.length; i < n; i++) {
    const [x1 = 0, y1 = 0] = ring[i]!;
    const [x2 = 0, y2 = 0] = ring[(i + 1) % n]!;
    sum += x1 * y2 - x2 * y1;
  }
  return sum / 2;
}

/**
 * The source follows RFC 7946 (exterior rings counter-clockwise), but d3-geo works on the
 * sphere and reads a counter-clockwise ring as "the whole globe minus this hole". Rewinding
 * to d3's convention (exterior clockwise, holes counter-clockwise) once here keeps every
 * consumer of the TopoJSON free of that trap.
 */
function rewindPolygon(rings: Position[][]): Position[][] {
  return rings.map((ring, i) => {
    const ccw = signedArea(ring) > 0;
    const wantCcw = i > 0;
    return ccw === wantCcw ? ring : [...ring].reverse();
  });
}

function rewind(geometry: Area): Area {
  if (geometry.type === 'Polygon') return { type: 'Polygon', coordinates: rewindPolygon(geometry.coordinates) };
  return { type: 'MultiPolygon', coordinates: geometry.coordinates.map(rewindPolygon) };
}

const source = JSON.parse(readFileSync(input, 'utf8')) as FeatureCollection<Area>;
const features: Feature<Area>[] = source.features
  .map((f) => ({
    type: 'Feature' as const,
    id: String(f.properties?.id),
    properties: { namn: String(f.properties?.kom_namn) },
    geometry: rewind(f.geometry),
  }))
  .sort((a, b) => a.id.localeCompare(b.id));

for (const f of features) {
  if (geoArea(f) > 2 * Math.PI) throw new Error(`Cannot rewind ${f.id}: its area still covers half the globe`);
}

type Kommuner = { kommuner: GeometryCollection<{ namn: string }> };
const collection: FeatureCollection = { type: 'FeatureCollection', features };
let topo = topology({ kommuner: collection }, QUANTIZATION) as unknown as Topology<Kommuner>;
topo = presimplify(topo, sphericalTriangleArea);
topo = simplify(topo, quantile(topo, 1 - KEEP));
// filterWeight keeps every ring that is the only ring of its feature, so no municipality vanishes.
topo = filter(topo, filterWeight(topo, MIN_RING_AREA)) as Topology<Kommuner>;

// presimplify stores a weight as a third coordinate; strip it so the file stays [x, y] pairs.
topo.arcs = topo.arcs.map((arc) => arc.map((p) => [p[0]!, p[1]!]));
// presimplify also drops the transform (it works in absolute coordinates), so quantise again.
const json = JSON.stringify(quantize(topo, OUTPUT_QUANTIZATION));
writeFileSync(output, json);
process.stdout.write(`Wrote ${output}: ${features.length} municipalities, ${(json.length / 1024).toFixed(1)} KB\n`);
