#!/usr/bin/env bash
# Renders resources/build/icon.svg into every size the installers need; the outputs are
# committed, so packaging does not need these tools. Debian: librsvg2-bin icnsutils imagemagick.
set -euo pipefail
cd "$(dirname "$0")/../resources/build"
mkdir -p icons
for size in 16 24 32 48 64 128 256 512 1024; do
  rsvg-convert -w "$size" -h "$size" icon.svg -o "icons/${size}x${size}.png"
done
cp icons/1024x1024.png icon.png
png2icns icon.icns icons/16x16.png icons/32x32.png icons/48x48.png icons/128x128.png icons/256x256.png icons/512x512.png icons/1024x1024.png
convert icons/16x16.png icons/24x24.png icons/32x32.png icons/48x48.png icons/64x64.png icons/128x128.png icons/256x256.png icon.ico
