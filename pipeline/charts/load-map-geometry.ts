import { geoPath, geoTransverseMercator, type GeoProjection } from 'd3-geo';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { CompactPathContext } from './compact-path-context.ts';

/** One municipality's projected shape at one map size. */
export interface MapShape {
  kommunkod: string;
  namn: string;
  /** SVG path data, one decimal, relative steps. Empty when it vanishes at this size. */
  d: string;
  /** Projected centroid, for labels. */
  centroid: [number, number];
}

/** The map projected to one size. */
export interface ProjectedMap {
  shapes: readonly MapShape[];
  /**
   * Path data of the coast, the land borders and the lakes (arcs used by one municipality
   * only): drawn in grey so that the lightest class still has an edge against white paper.
   */
  outline: string;
}

/** Municipality geometry prepared once per run; shapes are projected lazily per size and cached. */
export interface MapGeometry {
  /** Features in kommunkod order (GeoJSON, WGS84, d3-geo winding). */
  readonly features: readonly Feature<Polygon | MultiPolygon, { namn: string }>[];
  /** The map fitted to `width`×`height` with `padding`, computed once per size. */
  projected(width: number, height: number, padding?: number): ProjectedMap;
}

/**
 * Converts the project's TopoJSON (`data/geo/kommuner.topo.json`, object `kommuner`) into
 * features and returns a geometry whose projected paths are computed once per size. The
 * projection is transverse Mercator on 15° E, i.e. the shape of SWEREF 99 TM, Sweden's
 * national grid, so the map looks the way Swedish readers know it.
 */
export function loadMapGeometry(topoJson: unknown): MapGeometry {
  const topo = topoJson as Topology<{ kommuner: GeometryCollection<{ namn: string }> }>;
  if (topo?.type !== 'Topology' || !topo.objects?.kommuner) {
    throw new Error('Cannot load the map: expected a TopoJSON Topology with an object `kommuner`');
  }
  const collection = feature(topo, topo.objects.kommuner) as FeatureCollection<
    Polygon | MultiPolygon,
    { namn: string }
  >;
  const features = collection.features.filter((f) => f.geometry !== null);
  const edge = mesh(topo, topo.objects.kommuner, (a, b) => a === b);
  const cache = new Map<string, ProjectedMap>();

  return {
    features,
    projected(width, height, padding = 4) {
      const key = `${width}x${height}x${padding}`;
      let map = cache.get(key);
      if (!map) {
        const projection = fitted(collection, width, height, padding);
        const context = new CompactPathContext(10);
        geoPath(projection, context)(edge);
        map = { shapes: project(features, projection), outline: context.result() };
        cache.set(key, map);
      }
      return map;
    },
  };
}

function fitted(collection: FeatureCollection, width: number, height: number, padding: number): GeoProjection {
  return geoTransverseMercator()
    .rotate([-15, 0])
    .fitExtent(
      [
        [padding, padding],
        [width - padding, height - padding],
      ],
      collection,
    );
}

function project(features: MapGeometry['features'], projection: GeoProjection): MapShape[] {
  const context = new CompactPathContext(10);
  const path = geoPath(projection, context);
  const measure = geoPath(projection);
  return features.map((f) => {
    path(f);
    const [cx, cy] = measure.centroid(f);
    return {
      kommunkod: String(f.id),
      namn: f.properties.namn,
      d: context.result(),
      centroid: [cx, cy],
    };
  });
}
