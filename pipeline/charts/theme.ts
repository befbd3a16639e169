/**
 * The charts' shared visual language. Sizes are viewBox units: column charts are 680 units
 * wide, which prints at ≈ 170 mm, so 1 unit ≈ 0.25 mm and font size 13 ≈ 9 pt.
 * Colours were checked against white: text ≥ 7:1, marks ≥ 3:1 (WCAG 1.4.11 non-text contrast).
 */
export const theme = {
  /** Single quotes so the value can sit inside a double-quoted attribute unescaped. */
  font: "'Source Sans 3', sans-serif",
  width: 680,
  fontSize: { small: 11, base: 13, label: 14 },
  color: {
    /** Body text (≈ 17:1). */
    text: '#1a1a1a',
    /** Secondary text, axis labels (≈ 7.4:1). */
    muted: '#555555',
    /** Gridlines and axes are decoration, so they may be faint. */
    grid: '#d4d4d4',
    axis: '#767676',
    /** All municipalities / neutral marks (3.5:1). */
    neutral: '#8a8a8a',
    /** The municipality's kommungrupp / group median (6.4:1). */
    group: '#1f5fa8',
    /** The municipality itself (5.2:1), always paired with a label or a bold outline. */
    self: '#c2410c',
    /** Best in group (5.1:1); a different shape as well as hue, for colour-blind readers. */
    best: '#2f7d32',
    /** Bars for kronor. */
    bar: '#1f5fa8',
    /** Peers' bars (3.3:1), lighter than `self` so the municipality stands out even in grey. */
    barMuted: '#6f8fbf',
    /** Missing data: light fill plus a hatch pattern, never colour alone. */
    missing: '#f0f0f0',
    missingHatch: '#9a9a9a',
    background: '#ffffff',
  },
  /**
   * Sequential classes for the choropleth, low → high efficiency: ColorBrewer YlGnBu 9 without
   * its near-white first step, so the weakest class (the one readers look for) does not
   * vanish into the paper. Colour-blind safe and monotone in lightness, so it survives greyscale.
   * Spread evenly when there are fewer classes.
   */
  sequential: ['#edf8b1', '#c7e9b4', '#7fcdbb', '#41b6c4', '#1d91c0', '#225ea8', '#253494', '#081d58'],
} as const;
