#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The two README commands on a fresh Debian 12 machine (as root, or with sudo):
#   tools/bootstrap.sh demo   install what is missing, build, run the demo (store -> app)
#   tools/bootstrap.sh test   install what is missing, build with sanitizers, run every test
# Both are idempotent: a second run installs nothing and rebuilds only what changed.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
mode=${1:-}
case "$mode" in
demo | test) ;;
*)
    echo "usage: tools/bootstrap.sh demo|test" >&2
    exit 2
    ;;
esac

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
    sudo_cmd=(sudo)
fi

install_packages() {
    local wanted missing=()
    mapfile -t wanted < <(grep -v -E '^\s*(#|$)' tools/packages.txt)
    for package in "${wanted[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$package")
        fi
    done
    if [ ${#missing[@]} -eq 0 ]; then
        echo "bootstrap: every package is installed"
        return
    fi
    echo "bootstrap: installing ${missing[*]}"
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq \
        "${missing[@]}"
}

install_packages

if [ "$mode" = test ]; then
    cmake --preset ci
    cmake --build --preset ci -j "$(nproc)"
    # Every test, headless: engine tests need no display, UI tests use the offscreen platform.
    ctest --preset ci
    exit 0
fi

cmake --preset release
cmake --build --preset release -j "$(nproc)" --target broadview broadview-screenshots
binary=build/release/app/broadview
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    exec "$binary" demo "$@"
fi
# No display (a server, CI): prepare the demo store, then show the app on a virtual screen
# and save what it shows.
"$binary" demo --headless
shots="$here/build/demo"
xvfb-run -a -s "-screen 0 1280x800x24" "$here/build/release/tools/screenshots/broadview-screenshots" \
    --out "$shots" --only main-window
echo "bootstrap: no display here; a picture of the app on the demo store is in $shots/main-window.png"
