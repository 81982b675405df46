#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Regenerates docs/screenshots/*.png (shown in README.md) from the current build, on a
# virtual screen. Run after `cmake --preset dev && cmake --build --preset dev`.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$here/build/dev}
xvfb-run -a -s "-screen 0 1680x1050x24" \
    "$build/tools/screenshots/broadview-screenshots" --out "$here/docs/screenshots"
# The area list's PDF, its first page as a picture (poppler-utils is in tools/packages.txt).
pdf="$here/docs/screenshots/area-list.pdf"
if [ -f "$pdf" ]; then
    pdftoppm -png -r 70 -f 1 -l 1 -singlefile "$pdf" "$here/docs/screenshots/area-list-pdf"
    rm -f "$pdf"
fi
