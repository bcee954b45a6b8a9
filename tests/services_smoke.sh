#!/usr/bin/env bash
# services_smoke.sh — smoke test of scripts/services.sh: starts PostgreSQL,
# Redis and slapd in a throw-away state folder on free random ports (runs at
# the same time do not collide),
# checks that each answers, restarts one, starts twice, recovers from a
# kill -9 of every server, stops everything and checks nothing is left.
#
# Environment: PVI_SMOKE_PARENT  folder in which to create the temporary state
#                                folder (default $TMPDIR or /tmp)
#              PVI_SMOKE_KEEP=1  keep the state folder (servers are stopped)
# Prints TAP; exits 0 on success, 1 on failure (a missing server binary is a
# failure too: nothing is skipped).
set -euo pipefail

REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
SERVICES=$REPO_DIR/scripts/services.sh

for bin in /usr/lib/postgresql/15/bin/postgres redis-server redis-cli slapd slapadd ldapsearch psql; do
	if ! command -v "$bin" >/dev/null 2>&1; then
		echo "not ok - $bin not installed (run scripts/deps.sh)"
		exit 1
	fi
done

PARENT=${PVI_SMOKE_PARENT:-${TMPDIR:-/tmp}}
mkdir -p "$PARENT"
WORK=$(mktemp -d "$PARENT/pvi-services-smoke.XXXXXX")
# Let the postgres user traverse it if the parent allows (else /var/tmp is used).
chmod 755 "$WORK"
export PVI_STATE_DIR=$WORK/state
export PVI_SERVICES_TIMEOUT=30

n=0
failures=0
ok() {
	n=$((n + 1))
	echo "ok $n - $*"
}
not_ok() {
	n=$((n + 1))
	failures=$((failures + 1))
	echo "not ok $n - $*"
}
# check DESCRIPTION COMMAND... — one TAP line for the outcome of COMMAND.
check() {
	local desc=$1
	shift
	if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}
# bail DESCRIPTION — record a failure that makes the rest pointless.
bail() {
	not_ok "$1"
	echo "Bail out! $1"
	exit 1
}

port_in_use() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
# free_port VAR — sets VAR to a random port of 20000–29999 (below the
# kernel's ephemeral range, away from the fixed ports of the demo and the
# tests) that nobody listens on and that this run has not taken yet, so that
# runs at the same time (other checkouts, other builds) do not meet.
TAKEN_PORTS=" "
free_port() {
	local p
	while :; do
		p=$((20000 + SRANDOM % 10000))
		[[ $TAKEN_PORTS == *" $p "* ]] && continue
		port_in_use "$p" && continue
		TAKEN_PORTS+="$p "
		printf -v "$1" '%s' "$p"
		return 0
	done
}
export PVI_PG_PORT PVI_REDIS_PORT PVI_LDAP_PORT
pick_ports() {
	free_port PVI_PG_PORT
	free_port PVI_REDIS_PORT
	free_port PVI_LDAP_PORT
}
pick_ports

pg_pid() { head -n 1 "$PVI_STATE_DIR/pg/data/postmaster.pid" 2>/dev/null; }
redis_pid() { cat "$PVI_STATE_DIR/redis/redis.pid" 2>/dev/null; }
ldap_pid() { cat "$PVI_STATE_DIR/ldap/slapd.pid" 2>/dev/null; }

alive() {
	local st
	st=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
	st=${st##*) }
	[[ ${st%% *} != Z ]]
}

SEEN_PIDS=()
remember_pids() {
	local p
	for p in "$(pg_pid)" "$(redis_pid)" "$(ldap_pid)"; do
		[[ -n $p ]] && SEEN_PIDS+=("$p")
	done
	return 0
}

cleanup() {
	local rc=$? p pgreal=''
	"$SERVICES" stop all >/dev/null 2>&1 || true
	for p in "${SEEN_PIDS[@]}"; do
		if alive "$p" && [[ $(readlink "/proc/$p/cwd" 2>/dev/null) == "$WORK"* ]]; then
			kill -9 "$p" 2>/dev/null || true
		fi
	done
	if [[ ${PVI_SMOKE_KEEP:-0} != 1 ]]; then
		[[ -L $PVI_STATE_DIR/pg ]] && pgreal=$(readlink "$PVI_STATE_DIR/pg")
		[[ $pgreal == /var/tmp/pvi-* ]] && rm -rf "$pgreal"
		rm -rf "$WORK"
	else
		echo "# state kept in $PVI_STATE_DIR"
	fi
	exit "$rc"
}
trap cleanup EXIT

pg_answers() {
	psql "host=127.0.0.1 port=$PVI_PG_PORT dbname=pvi user=pvi connect_timeout=3" \
		-XAtqc 'SELECT current_user' 2>/dev/null | grep -qx pvi
}
redis_answers() {
	[[ $(redis-cli -h 127.0.0.1 -p "$PVI_REDIS_PORT" ping 2>/dev/null) == PONG ]]
}
ldap_answers() {
	ldapsearch -x -LLL -H "ldap://127.0.0.1:$PVI_LDAP_PORT" \
		-D cn=pvi-reader,ou=services,dc=pvi,dc=test -w pvi-reader-secret \
		-b dc=pvi,dc=test '(uid=op.martin)' cn 2>/dev/null | grep -qx 'cn: Claire Martin'
}
all_answer() { pg_answers && redis_answers && ldap_answers; }
none_listening() {
	! port_in_use "$PVI_PG_PORT" && ! port_in_use "$PVI_REDIS_PORT" && ! port_in_use "$PVI_LDAP_PORT"
}
svc() { "$SERVICES" "$@" >"$WORK/out" 2>&1; }
show_out() { sed 's/^/# /' "$WORK/out"; }

echo "# state $PVI_STATE_DIR, ports pg $PVI_PG_PORT redis $PVI_REDIS_PORT ldap $PVI_LDAP_PORT"

# --- first start ------------------------------------------------------------
# Another program may take a port between the choice and the start: then
# the servers that did start are stopped and other ports chosen, twice at
# most (a server that cannot start at all fails all three times).
for attempt in 1 2 3; do
	svc start && break
	show_out
	if ((attempt == 3)); then bail "start all (first time)"; fi
	"$SERVICES" stop all >/dev/null 2>&1 || true
	pick_ports
	echo "# start failed: trying pg $PVI_PG_PORT redis $PVI_REDIS_PORT ldap $PVI_LDAP_PORT"
done
show_out
ok "start all (first time)"
remember_pids
check "PostgreSQL answers as role pvi on database pvi" pg_answers
check "Redis answers PONG" redis_answers
check "slapd answers the service account search" ldap_answers
check "status all exits 0" svc status
# shellcheck disable=SC2153 # PVI_REDIS_HOST comes from services.env
env_ok() (
	set -a
	# shellcheck disable=SC1091
	. "$PVI_STATE_DIR/services.env"
	[[ $PVI_DB_URL == "host=127.0.0.1 port=$PVI_PG_PORT dbname=pvi user=pvi connect_timeout=3" &&
		$PVI_REDIS_HOST == 127.0.0.1 && $PVI_REDIS_PORT == "$PVI_REDIS_PORT" &&
		$PVI_LDAP_URI == "ldap://127.0.0.1:$PVI_LDAP_PORT" &&
		$PVI_LDAP_GROUP_DN == cn=operators,ou=groups,dc=pvi,dc=test ]]
)
check "services.env is sourceable and names the ports" env_ok
check "anonymous LDAP search sees nothing" \
	bash -c "! ldapsearch -x -LLL -H ldap://127.0.0.1:$PVI_LDAP_PORT -b dc=pvi,dc=test '(uid=*)' dn 2>/dev/null | grep -q ."
operator_binds() {
	ldapwhoami -x -H "ldap://127.0.0.1:$PVI_LDAP_PORT" -o nettimeout=3 \
		-D uid=op.petit,ou=people,dc=pvi,dc=test -w demo-op.petit >/dev/null 2>&1
}
check "operator binds with its password" operator_binds

# Some data, to check it survives restarts and crashes.
# shellcheck disable=SC2016 # $$…$$ is SQL dollar quoting
psql "host=127.0.0.1 port=$PVI_PG_PORT dbname=pvi user=pvi" -Xq \
	-c 'CREATE TABLE smoke (v text); INSERT INTO smoke VALUES ($$kept$$)' >/dev/null
redis-cli -h 127.0.0.1 -p "$PVI_REDIS_PORT" set smoke kept >/dev/null
data_kept() {
	[[ $(psql "host=127.0.0.1 port=$PVI_PG_PORT dbname=pvi user=pvi" -XAtqc 'SELECT v FROM smoke' 2>/dev/null) == kept &&
		$(redis-cli -h 127.0.0.1 -p "$PVI_REDIS_PORT" get smoke 2>/dev/null) == kept ]]
}

# --- stop one, start it again ------------------------------------------------
check "stop redis" svc stop redis
check "redis port closed after stop" bash -c "! (exec 3<>/dev/tcp/127.0.0.1/$PVI_REDIS_PORT) 2>/dev/null"
check "status redis exits non-zero when stopped" bash -c "! '$SERVICES' status redis >/dev/null"
check "status all exits non-zero when one is stopped" bash -c "! '$SERVICES' status all >/dev/null"
check "pg and ldap still answer" bash -c "'$SERVICES' status pg >/dev/null && '$SERVICES' status ldap >/dev/null"
check "stop redis again is a no-op" svc stop redis
check "start all brings redis back" svc start
remember_pids
check "all answer after restarting redis" all_answer

# --- start twice --------------------------------------------------------------
before="$(pg_pid) $(redis_pid) $(ldap_pid)"
start_s=$SECONDS
check "start when running succeeds" svc start
check "start when running reports already running" \
	bash -c "[[ \$(grep -c 'already running' '$WORK/out') == 3 ]]"
check "start when running is fast" test $((SECONDS - start_s)) -le 3
check "start when running keeps the same processes" \
	test "$before" == "$(pg_pid) $(redis_pid) $(ldap_pid)"

# --- crash: kill -9 every server, then start again ----------------------------
remember_pids
crashed=("$(pg_pid)" "$(redis_pid)" "$(ldap_pid)")
kill -9 "${crashed[@]}"
for p in "${crashed[@]}"; do
	for _ in $(seq 100); do alive "$p" || break; sleep 0.1; done
done
check "status exits non-zero after the crash" bash -c "! '$SERVICES' status >/dev/null"
if svc start; then ok "start after kill -9 of every server"; else show_out; not_ok "start after kill -9 of every server"; fi
remember_pids
check "all answer after the crash" all_answer
check "data survived the crash" data_kept
check "status all exits 0 after recovery" svc status

# --- stop everything ------------------------------------------------------------
remember_pids
final=("$(pg_pid)" "$(redis_pid)" "$(ldap_pid)")
check "stop all" svc stop
check "stop all again is a no-op" svc stop
check "nothing listens on the ports" none_listening
gone() {
	local p
	for p in "${final[@]}"; do
		if alive "$p"; then return 1; fi
	done
}
check "no server process is left" gone
check "status exits non-zero when all are stopped" bash -c "! '$SERVICES' status >/dev/null"

echo "1..$n"
((failures == 0))
