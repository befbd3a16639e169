/** Inputs and outputs of the publish stage. */
import type { MunicipalityReport } from '../model/index.ts';

/** Options of `publishSite`. */
export interface PublishOptions {
  /**
   * Refresh only these municipalities' pages (and the index, sitemap and manifest); the other
   * pages and their PDFs are carried over unchanged from the current edition. When absent,
   * every built report gets a page, reusing the previous page when nothing it shows changed.
   */
  codes?: string[];
  /** Absolute URL the site is served from; makes canonical links and sitemap URLs absolute. */
  baseUrl?: string;
  /**
   * With `codes`: resolves with those whose reports were built (the others keep their previous
   * page), or rejects to abandon the publish. Everything else is prepared while it is pending,
   * so a caller can start publishing as soon as it starts printing.
   */
  built?: Promise<string[]>;
  /** View models the caller already built from this edition's model, by kommunkod; the others are built here. */
  reports?: ReadonlyMap<string, MunicipalityReport>;
  /** Clock, for tests. */
  now?: () => Date;
  /** Longest wait for another process's publish lock, ms (the server passes a request's budget). Default 120 000. */
  lockWaitMs?: number;
  /**
   * Replace the live edition even when the new one has fewer report pages (a full publish
   * refuses that by default: missing reports in output/ must not empty the live site).
   */
  allowFewer?: boolean;
}

/** What a publish did. */
export interface PublishResult {
  /** The edition folder `output/site` now points to. */
  siteDir: string;
  /** Municipality pages in the site. */
  pages: number;
  /** Pages composed in this run (the others were carried over). */
  composed: number;
  /** Municipalities in the data without a built report (listed on the index, no page). */
  withoutReport: number;
  /** Notes for the user (the CLI prints them). */
  messages: string[];
}

/** One report as listed in the site's `manifest.json`. */
export interface ManifestEntry {
  kommunkod: string;
  kommun: string;
  slug: string;
  /** Year of the key figures. */
  ar: number;
  /** The PDF's SHA-256, as `sha256sum` prints it (absent in the state of editions made before it). */
  sha256?: string;
  /** The same digest under its older name (kept for readers of earlier manifests). */
  contentHash: string;
  bytes: number;
  pages: number;
  generatedAt: string;
  /** Site-relative paths. */
  pdf: string;
  page: string;
  /** The two-page brief published beside the report (`pdf/kort/…`), when one was built. */
  kort?: { pdf: string; bytes: number; pages: number; contentHash: string };
}

/** Internal bookkeeping of each edition, kept beside its folder (`sites/<id>.state.json`), never published. */
export interface SiteState {
  version: 1;
  /** Hash of the site templates the pages were made with. */
  templatesHash: string;
  baseUrl: string | null;
  /** Inputs of the open-data workbook; the next edition carries the workbook over when equal. */
  workbookKey?: string;
  pages: Record<string, { modelKey: string; entry: ManifestEntry }>;
}

/** One row of the index table: figures for every municipality, formatted in Swedish. */
export interface IndexRow {
  kod: string;
  namn: string;
  /** Accent-folded lower-case name for the search box. */
  sok: string;
  /** Relative link to its page, or null when no report is published yet. */
  href: string | null;
  grupp: string;
  gruppKod: string;
  lan: string;
  lanskod: string;
  invanare: number;
  /** Raw values for sorting (null when the municipality has no result). */
  rang: number | null;
  effektivitet: number | null;
  potentialKr: number | null;
  perInvanareKr: number | null;
  rangText: string;
  effektivitetText: string;
  potentialText: string;
  perInvanareText: string;
}
