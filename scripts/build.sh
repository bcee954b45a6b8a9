#!/usr/bin/env bash
# build.sh DIR — configure (once) and compile the project into DIR.
#   build      the default build (warnings shown, optimised with debug info)
#   build-dev  the developer build: -Werror, ASan + UBSan (dev.ini)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-build}
cd "$root"
"$root/scripts/deps.sh"
if [ ! -f "$dir/build.ninja" ]; then
  case "$dir" in
    build-dev) meson setup "$dir" --native-file dev.ini ;;
    *) meson setup "$dir" ;;
  esac
fi
ninja -C "$dir"
