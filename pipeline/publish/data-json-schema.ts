/**
 * The JSON Schema (draft 2020-12) of a municipality's `data.json`, published as
 * `data/kommun-data.schema.json` so that a reuser can validate the files and see the format's
 * version. It must follow `MunicipalityData` (municipality-data.ts); a test validates every
 * published file against it. Pure.
 */
import { DATA_FORMAT_VERSION } from './municipality-data.ts';

const num = { type: 'number' };
const share = { type: 'number', minimum: 0 };
const nullable = (schema: object) => ({ oneOf: [schema, { type: 'null' }] });
const integer = (minimum: number) => ({ type: 'integer', minimum });
const code = { type: 'string', pattern: '^[0-9]{4}$' };
const object = (properties: Record<string, object>, description?: string) => ({
  type: 'object',
  ...(description ? { description } : {}),
  required: Object.keys(properties),
  properties,
  additionalProperties: false,
});
const best = object({ kommunkod: code, kommun: { type: 'string' }, effektivitet: share });

/** The schema; `id` is its absolute URL when the site's base URL is known. */
export function dataJsonSchema(id: string | null): object {
  const [major] = DATA_FORMAT_VERSION.split('.');
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    ...(id ? { $id: id } : {}),
    title: 'Kommunrapport: en kommuns siffror (data.json)',
    description: `Format ${DATA_FORMAT_VERSION}. Andelar 0–1, belopp i kronor per år, null = uppgiften saknas. Källa: Kolada (RKA); egna beräkningar. Licens CC BY 4.0.`,
    ...object({
      $schema: { type: 'string' },
      formatversion: {
        type: 'string',
        pattern: `^${major}\\.[0-9]+$`,
        description: 'major.minor: en ny minor lägger till fält, en ny major ändrar eller tar bort fält.',
      },
      kalla: { type: 'string' },
      licens: { type: 'string' },
      licens_url: { type: 'string', format: 'uri' },
      kommunkod: code,
      kommun: { type: 'string' },
      slug: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
      lan: { type: 'string' },
      kommungrupp: { type: 'string' },
      kommungrupp_kod: { type: 'string' },
      invanare: integer(0),
      ar: integer(1900),
      sida: nullable({ type: 'string' }),
      effektivitet: share,
      effektivitet_lag: nullable(share),
      effektivitet_hog: nullable(share),
      rang: integer(1),
      rang_lag: nullable(integer(1)),
      rang_hog: nullable(integer(1)),
      antal: integer(1),
      grupp_rang: integer(1),
      grupp_antal: integer(1),
      grupp_basta: best,
      effektivitet_ojusterad: nullable(share),
      rang_ojusterad: nullable(integer(1)),
      potential_kr: num,
      potential_per_invanare_kr: nullable(num),
      omraden: {
        type: 'array',
        items: object({
          omrade: { type: 'string' },
          namn: { type: 'string' },
          effektivitet: nullable(share),
          effektivitet_bc: nullable(share),
          effektivitet_lag: nullable(share),
          effektivitet_hog: nullable(share),
          effektivitet_ojusterad: nullable(share),
          ojamforbar: nullable({ type: 'boolean' }),
          rang: nullable(integer(1)),
          antal: integer(0),
          grupp_basta: nullable(best),
          kostnad_kr: nullable(num),
          potential_kr: nullable(num),
          jamforelse: { type: 'array', items: object({ kommunkod: code, kommun: { type: 'string' }, vikt: share }) },
        }),
      },
      historik: nullable({
        type: 'array',
        items: object({
          ar: integer(1900),
          effektivitet: nullable(share),
          rang: nullable(integer(1)),
          antal: nullable(integer(1)),
          omraden: { type: 'object', additionalProperties: nullable(share) },
        }),
      }),
      malmquist: nullable({
        type: 'array',
        items: object({
          omrade: { type: 'string' },
          fran_ar: integer(1900),
          till_ar: integer(1900),
          malmquist: nullable(share),
          effektivitetsforandring: nullable(share),
          teknisk_forandring: nullable(share),
        }),
      }),
    }),
  };
}
