#!/usr/bin/env bash
# deps.sh — install the Debian 12 packages needed to build, test and run the
# PVI platform locally (compilers and libraries, PostgreSQL 15, Redis, OpenLDAP
# and the command-line tools the scripts and tests use).
#
#   scripts/deps.sh           install whatever is missing (as root, or via sudo)
#   scripts/deps.sh --check   only report; exit 1 if something is missing
#
# When everything is installed it makes no apt call at all. Installing never
# prompts (noninteractive debconf; slapd is preseeded to create no system
# directory) and leaves no system instance of PostgreSQL, Redis or slapd
# running: the project runs its own private servers (scripts/services.sh).
set -euo pipefail

PACKAGES=(
	build-essential meson ninja-build pkg-config python3
	libpq-dev libmicrohttpd-dev libxml2-dev libxslt1-dev libhiredis-dev
	libldap2-dev libjansson-dev libsodium-dev libcmocka-dev libjemalloc-dev liblz4-dev
	postgresql-15 postgresql-client-15 redis-server slapd ldap-utils
	libxml2-utils xsltproc curl procps tzdata
)

msg() { printf 'deps: %s\n' "$*"; }
die() { printf 'deps: error: %s\n' "$*" >&2; exit 1; }

check_only=0
case ${1:-} in
'') ;;
--check) check_only=1 ;;
*) die "usage: scripts/deps.sh [--check]" ;;
esac

missing=()
for pkg in "${PACKAGES[@]}"; do
	status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
	[[ $status == "install ok installed" ]] || missing+=("$pkg")
done

if ((${#missing[@]} == 0)); then
	msg "all ${#PACKAGES[@]} packages are installed"
	exit 0
fi
msg "missing: ${missing[*]}"
((check_only)) && exit 1

if ((EUID != 0)); then
	command -v sudo >/dev/null 2>&1 || die "run as root to install the missing packages"
	msg "re-running as root with sudo"
	exec sudo -- "$0" "$@"
fi

is_missing() {
	local m
	for m in "${missing[@]}"; do
		[[ $m == "$1" ]] && return 0
	done
	return 1
}

# Keep the packages' maintainer scripts from starting system services while
# they install (unless a policy already exists, e.g. Docker's "exit 101").
POLICY=/usr/sbin/policy-rc.d
own_policy=0
remove_policy() {
	((own_policy)) && rm -f "$POLICY"
	return 0
}
trap remove_policy EXIT
if [[ ! -e $POLICY ]]; then
	printf '#!/bin/sh\n# Temporary, from PVI scripts/deps.sh: no service starts.\nexit 101\n' >"$POLICY"
	chmod 755 "$POLICY"
	own_policy=1
fi

if is_missing slapd; then
	# Do not let the package build a system directory from the host name.
	debconf-set-selections <<'EOF'
slapd slapd/no_configuration boolean true
EOF
fi

export DEBIAN_FRONTEND=noninteractive
msg "apt-get update"
apt-get update -q
msg "apt-get install ${missing[*]}"
apt-get install -y -q --no-install-recommends "${missing[@]}"

remove_policy
own_policy=0

# Whatever got started anyway (a pre-existing policy that allows starts, or
# postinst scripts that bypass it): stop the system instances of the packages
# installed now. Instances that were there before are left alone.
stop_system_service() {
	local svc=$1
	if service "$svc" status >/dev/null 2>&1; then
		msg "stopping the system $svc service started by the installation"
		service "$svc" stop >/dev/null 2>&1 || msg "warning: could not stop the system $svc service"
	fi
}
if is_missing postgresql-15; then
	if command -v pg_lsclusters >/dev/null 2>&1 &&
		pg_lsclusters --no-header 2>/dev/null | awk '$1 == 15 && $4 == "online" { f = 1 } END { exit !f }'; then
		msg "stopping the system PostgreSQL 15 cluster started by the installation"
		pg_ctlcluster 15 main stop >/dev/null 2>&1 || stop_system_service postgresql
	fi
fi
is_missing redis-server && stop_system_service redis-server
is_missing slapd && stop_system_service slapd

msg "installed ${#missing[@]} package(s)"
