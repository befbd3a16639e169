/** Shared output type of every chart function. */

/** A rendered chart: standalone SVG markup plus a Swedish text alternative stating its numbers. */
export interface Chart {
  /** `<svg role="img" …>` with `<title>`, `<desc>`, a `viewBox` and `width="100%"`. */
  svg: string;
  /** Swedish text alternative, also used as the SVG's `<desc>`. */
  alt: string;
}
