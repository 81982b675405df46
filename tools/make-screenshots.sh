#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Regenerates docs/screenshots/*.png (shown in README.md) from the current build, on a
# virtual screen. Run after `cmake --preset dev && cmake --build --preset dev`.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$here/build/dev}
exec xvfb-run -a -s "-screen 0 1680x1050x24" \
    "$build/tools/screenshots/broadview-screenshots" --out "$here/docs/screenshots"
