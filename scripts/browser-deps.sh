#!/usr/bin/env bash
# browser-deps.sh — what the browser test suite (tests/browser/) needs beyond
# scripts/deps.sh: Debian's headless-capable Chromium and the Liberation fonts
# (stable screenshots), and the npm packages pinned in
# tests/browser/package-lock.json (playwright-core to drive that Chromium,
# axe-core for the accessibility checks).
#
#   scripts/browser-deps.sh           install whatever is missing (as root, or via sudo for apt)
#   scripts/browser-deps.sh --check   only report; exit 1 if something is missing
#
# Like deps.sh, it makes no apt call when the packages are installed, and no
# npm call when tests/browser/node_modules matches the lock file (a stamp
# holding the checksum of package.json and package-lock.json is written after
# each successful `npm ci`). Node.js >= 20 and npm must already be there (the
# machine image provides them; Debian 12's own nodejs is too old for
# playwright-core). Never downloads a browser: playwright-core drives
# /usr/bin/chromium and has no install step.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=$root/tests/browser
stamp=$dir/node_modules/.pvi-lock-stamp

PACKAGES=(chromium fonts-liberation)

msg() { printf 'browser-deps: %s\n' "$*"; }
die() { printf 'browser-deps: error: %s\n' "$*" >&2; exit 1; }

check_only=0
case ${1:-} in
'') ;;
--check) check_only=1 ;;
*) die "usage: scripts/browser-deps.sh [--check]" ;;
esac

# Node.js and npm: checked, not installed.
command -v node >/dev/null 2>&1 || die "node is not installed (Node.js >= 20 is needed by playwright-core)"
command -v npm >/dev/null 2>&1 || die "npm is not installed"
node_major=$(node -p 'process.versions.node.split(".")[0]')
((node_major >= 20)) || die "Node.js >= 20 is needed by playwright-core; $(command -v node) is $(node --version)"

missing=()
for pkg in "${PACKAGES[@]}"; do
	status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
	[[ $status == "install ok installed" ]] || missing+=("$pkg")
done

lock_sum() { cat "$dir/package.json" "$dir/package-lock.json" | sha256sum | cut -d' ' -f1; }
npm_current=0
[[ -f $stamp && $(<"$stamp") == "$(lock_sum)" ]] && npm_current=1

if ((${#missing[@]} == 0 && npm_current)); then
	msg "chromium, fonts-liberation and tests/browser/node_modules are up to date"
	exit 0
fi
((${#missing[@]})) && msg "missing: ${missing[*]}"
((npm_current)) || msg "tests/browser/node_modules is missing or does not match package-lock.json"
((check_only)) && exit 1

if ((${#missing[@]})); then
	if ((EUID != 0)); then
		command -v sudo >/dev/null 2>&1 || die "run as root to install the missing packages"
		msg "re-running as root with sudo"
		exec sudo -- "$0" "$@"
	fi
	export DEBIAN_FRONTEND=noninteractive
	msg "apt-get update"
	apt-get update -q
	msg "apt-get install ${missing[*]}"
	apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if ! ((npm_current)); then
	# The lock file pins every version and checksum; ci installs exactly that
	# (and removes a previous node_modules). No package of the lock file needs
	# an install script.
	msg "npm ci in tests/browser"
	rm -f "$stamp"
	(cd "$dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=warn)
	lock_sum >"$stamp"
fi
msg "done"
