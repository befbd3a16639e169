#!/bin/sh
# Regenerates templates/stil/fonts/*.ttf from the @fontsource WOFF2 files that the report and
# the site also load as web fonts. Chromium prints noticeably faster with fonts it finds through
# fontconfig than with web fonts (docs/performance.md), and it reads only TrueType/OpenType
# there, so the print fonts are kept as TTF. Needs Debian's `woff2` package (woff2_decompress).
set -eu
cd "$(dirname "$0")/.."
out=templates/stil/fonts
for pair in \
  source-sans-3:source-sans-3-latin-400-normal \
  source-sans-3:source-sans-3-latin-400-italic \
  source-sans-3:source-sans-3-latin-600-normal \
  source-sans-3:source-sans-3-latin-700-normal \
  source-serif-4:source-serif-4-latin-600-normal; do
  pkg=${pair%%:*}
  file=${pair#*:}
  cp "node_modules/@fontsource/$pkg/files/$file.woff2" "$out/$file.woff2"
  woff2_decompress "$out/$file.woff2"
  rm "$out/$file.woff2"
done
cp node_modules/@fontsource/source-sans-3/LICENSE "$out/OFL.txt"
