#!/usr/bin/env bash
# services.sh — start, stop and inspect the private local servers of the PVI
# platform: a PostgreSQL 15 cluster, a Redis server and an OpenLDAP slapd, all
# listening on 127.0.0.1 only and keeping everything (data, sockets, pid files,
# logs, generated configuration) in one state folder.
#
#   scripts/services.sh start|stop|status [pg|redis|ldap|all]    (default all)
#
# Environment:
#   PVI_STATE_DIR     state folder (default <repo>/.state/demo)
#   PVI_PG_PORT       PostgreSQL port (default 25432)
#   PVI_REDIS_PORT    Redis port (default 26379)
#   PVI_LDAP_PORT     slapd port (default 23389)
#   PVI_SERVICES_TIMEOUT  seconds to wait for a server to answer/stop (30)
#   PVI_LDAP_DEBUG    slapd -d level written to ldap/slapd.log (default stats)
#
# `start` is a no-op for a server already running, recovers from a crashed one
# (stale pid files), waits until each server answers and then writes
# $PVI_STATE_DIR/services.env (KEY=value; a systemd EnvironmentFile that bash
# can also source with `set -a`). `stop` is a no-op for a stopped server.
# `status` prints one line per server and exits 0 only if all are running.
#
# PostgreSQL refuses to run as root, so when run as root the cluster belongs
# to the `postgres` system user. If that user cannot reach the state folder
# (e.g. a checkout under /root), the cluster lives in /var/tmp/pvi-<hash> and
# $PVI_STATE_DIR/pg is a symlink to it; remove both to start afresh.
set -euo pipefail

REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
LDAP_TEMPLATE_DIR=$REPO_DIR/scripts/ldap

PG_BIN=${PVI_PG_BIN:-/usr/lib/postgresql/15/bin}
PG_PORT=${PVI_PG_PORT:-25432}
REDIS_PORT=${PVI_REDIS_PORT:-26379}
LDAP_PORT=${PVI_LDAP_PORT:-23389}
WAIT_SECS=${PVI_SERVICES_TIMEOUT:-30}
LDAP_DEBUG=${PVI_LDAP_DEBUG:-stats}

LDAP_SUFFIX=dc=pvi,dc=test
LDAP_READER_DN=cn=pvi-reader,ou=services,$LDAP_SUFFIX
LDAP_READER_PW=pvi-reader-secret
LDAP_ADMIN_PW=${PVI_LDAP_ADMIN_PASSWORD:-pvi-admin-secret}

msg() { printf 'services: %s\n' "$*"; }
err() { printf 'services: error: %s\n' "$*" >&2; }
die() { err "$*"; exit 1; }

usage() {
	cat >&2 <<'EOF'
usage: scripts/services.sh start|stop|status [pg|redis|ldap|all]
EOF
	exit 2
}

# fail_with_log NAME LOGFILE MESSAGE — report a server that did not come up
# (or go down), show the end of its log, and exit non-zero.
fail_with_log() {
	local name=$1 log=$2
	shift 2
	err "$name: $*"
	if [[ -s $log ]]; then
		printf 'services: last lines of %s:\n' "$log" >&2
		tail -n 20 "$log" | sed 's/^/    /' >&2
	fi
	exit 1
}

check_port() {
	if ! [[ $2 =~ ^[0-9]+$ ]] || ((10#$2 < 1 || 10#$2 > 65535)); then
		die "$1 must be a TCP port number, got '$2'"
	fi
}

# pid_alive PID — true if PID is a live process (zombies count as dead: the
# servers are not our children once we exit, and PID 1 may not reap them).
pid_alive() {
	local pid=$1 stat state
	[[ $pid =~ ^[0-9]+$ ]] || return 1
	stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
	state=${stat##*) }
	state=${state%% *}
	[[ $state != Z && $state != X ]]
}

# pid_in_dir PID DIR — PID is alive and its working directory is DIR; this
# tells our server apart from an unrelated process that reused a stale pid.
pid_in_dir() {
	pid_alive "$1" && [[ $(readlink "/proc/$1/cwd" 2>/dev/null) == "$2" ]]
}

# read_pid FILE — print the pid on the first line of FILE (empty if none).
read_pid() {
	local pid=''
	[[ -r $1 ]] && { read -r pid <"$1" || true; }
	printf '%s' "$pid"
}

# wait_gone PID — wait up to WAIT_SECS for PID to exit.
wait_gone() {
	local deadline=$((SECONDS + WAIT_SECS))
	while pid_alive "$1"; do
		((SECONDS < deadline)) || return 1
		sleep 0.1
	done
}

# port_in_use PORT — something accepts TCP connections on 127.0.0.1:PORT.
port_in_use() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# conf_quote STRING — STRING as a double-quoted redis/slapd config value.
conf_quote() {
	local s=${1//\\/\\\\}
	printf '"%s"' "${s//\"/\\\"}"
}

# write_file FILE — replace FILE atomically with standard input.
write_file() {
	cat >"$1.tmp.$$"
	mv -f "$1.tmp.$$" "$1"
}

# ---------------------------------------------------------------------------
# PostgreSQL

as_pg() {
	if ((EUID == 0)); then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

# pg_locate CREATE — set PG_DIR (physical path of the cluster folder), PG_DATA,
# PG_RUN (socket folder) and PG_LOG. With CREATE=1, create the folders (and
# the /var/tmp indirection when needed); otherwise return 1 if absent.
pg_locate() {
	local create=$1 link=$STATE_DIR/pg real hash target created=0
	if [[ -L $link ]]; then
		target=$(readlink "$link")
		[[ $target == /* ]] || die "pg: $link should point to an absolute path"
		PG_DIR=$(cd "$(dirname "$target")" && pwd -P)/$(basename "$target")
	elif [[ -d $link ]]; then
		PG_DIR=$link
	else
		((create)) || return 1
		PG_DIR=$link
		hash=$(printf '%s' "$STATE_DIR" | sha256sum | cut -c1-12)
		real=/var/tmp/pvi-$hash
		if ((EUID == 0)) && ! runuser -u postgres -- test -x "$STATE_DIR"; then
			PG_DIR=$real
		elif ((${#link} + 22 > 107)); then
			# A unix socket path is limited to ~107 bytes.
			PG_DIR=$real
		fi
		if [[ $PG_DIR == "$real" ]]; then
			ln -sfn "$real" "$link"
		fi
	fi
	PG_DATA=$PG_DIR/data
	PG_RUN=$PG_DIR/run
	PG_LOG=$PG_DIR/postgresql.log
	[[ -L $PG_DIR ]] && die "pg: $PG_DIR is a symlink; refusing to use it"
	if [[ ! -d $PG_DIR ]]; then
		((create)) || return 1
		mkdir -m 700 "$PG_DIR"
		created=1
	fi
	((create)) || return 0
	if ((EUID == 0)); then
		if ((created)); then
			chown postgres:postgres "$PG_DIR"
		elif [[ $(stat -c %U "$PG_DIR") != postgres ]]; then
			die "pg: $PG_DIR should belong to the postgres user"
		fi
	fi
	as_pg mkdir -p "$PG_DATA" "$PG_RUN"
	as_pg chmod 700 "$PG_DATA" "$PG_RUN"
}

pg_pid() {
	local pid
	pid=$(read_pid "$PG_DATA/postmaster.pid")
	pid_in_dir "$pid" "$PG_DATA" && printf '%s' "$pid"
}

pg_running() {
	pg_locate 0 && pg_pid >/dev/null
}

pg_write_conf() {
	local run=${PG_RUN//\'/\'\'}
	as_pg tee "$PG_DATA/pvi.conf" >/dev/null <<EOF
# Written by scripts/services.sh at each start; edit that script instead.
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$run'
max_connections = 200
shared_buffers = 128MB
fsync = on
log_line_prefix = '%m [%p] %q%u@%d '
log_timezone = 'UTC'
timezone = 'UTC'
EOF
}

pg_init() {
	[[ -s $PG_DATA/PG_VERSION ]] && return 0
	msg "pg: creating cluster in $PG_DATA"
	if ! as_pg "$PG_BIN/initdb" -D "$PG_DATA" --username=postgres --auth=trust \
		--encoding=UTF8 --locale=C.UTF-8 >"$STATE_DIR/pg-initdb.log" 2>&1; then
		fail_with_log pg "$STATE_DIR/pg-initdb.log" "initdb failed"
	fi
	printf "\ninclude = 'pvi.conf'\n" | as_pg tee -a "$PG_DATA/postgresql.conf" >/dev/null
}

# After a kill -9 of the postmaster its children notice and exit on their own;
# a new postmaster refuses to start while they still hold the old shared
# memory. Wait for them (their working directory is the data folder).
pg_reap_orphans() {
	local deadline=$((SECONDS + 10)) p pids
	while :; do
		pids=()
		for p in /proc/[0-9]*; do
			[[ $(readlink "$p/cwd" 2>/dev/null) == "$PG_DATA" ]] && pid_alive "${p#/proc/}" &&
				pids+=("${p#/proc/}")
		done
		((${#pids[@]} == 0)) && return 0
		if ((SECONDS >= deadline)); then
			msg "pg: killing leftover processes of a crashed cluster: ${pids[*]}"
			kill -9 "${pids[@]}" 2>/dev/null || true
			sleep 0.5
			return 0
		fi
		sleep 0.2
	done
}

pg_bootstrap() {
	local out
	if ! out=$("$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_RUN" -p "$PG_PORT" \
		-U postgres -d postgres 2>&1 <<'SQL'
DO $$
BEGIN
	IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pvi') THEN
		CREATE ROLE pvi LOGIN CREATEDB;
	END IF;
END
$$;
SELECT 'CREATE DATABASE pvi OWNER pvi'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'pvi')\gexec
SQL
	); then
		die "pg: could not create role/database pvi: $out"
	fi
}

pg_start() {
	local pid
	if pg_running; then
		msg "pg: already running (pid $(pg_pid))"
		return 0
	fi
	pg_locate 1
	pg_init
	if [[ -e $PG_DATA/postmaster.pid ]]; then
		# Left by a crash: no live postmaster works in this data folder. The
		# recorded pid may be a zombie nobody reaps (containers whose PID 1
		# does not wait), which PostgreSQL would take for a live postmaster; the
		# same holds for the socket lock file in our private socket folder.
		pg_reap_orphans
		msg "pg: removing stale postmaster.pid (pid $(read_pid "$PG_DATA/postmaster.pid") is gone)"
		as_pg rm -f "$PG_DATA/postmaster.pid"
		as_pg find "$PG_RUN" -maxdepth 1 -name '.s.PGSQL.*' -delete
	fi
	port_in_use "$PG_PORT" && die "pg: port $PG_PORT is already in use by another process"
	pg_write_conf
	if ! as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t "$WAIT_SECS" -s \
		start >/dev/null 2>&1 {LOCK_FD}>&-; then
		fail_with_log pg "$PG_LOG" "PostgreSQL failed to start on 127.0.0.1:$PG_PORT (or took over ${WAIT_SECS}s)"
	fi
	pg_bootstrap
	pid=$(pg_pid) || true
	msg "pg: started on 127.0.0.1:$PG_PORT (pid ${pid:-?}, data $PG_DATA)"
}

pg_stop() {
	if ! pg_running; then
		msg "pg: not running"
		return 0
	fi
	if ! as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t "$WAIT_SECS" -s stop >/dev/null 2>&1; then
		fail_with_log pg "$PG_LOG" "PostgreSQL did not stop within ${WAIT_SECS}s"
	fi
	msg "pg: stopped"
}

pg_status() {
	local pid
	if pg_running; then
		pid=$(pg_pid)
		if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -t 3; then
			status_line pg running "127.0.0.1:$PG_PORT (pid $pid)"
			return 0
		fi
		status_line pg running "pid $pid, but not answering on 127.0.0.1:$PG_PORT"
		return 1
	fi
	status_line pg stopped "port $PG_PORT"
	return 1
}

# ---------------------------------------------------------------------------
# Redis

redis_locate() {
	REDIS_DIR=$STATE_DIR/redis
	REDIS_CONF=$REDIS_DIR/redis.conf
	REDIS_PIDFILE=$REDIS_DIR/redis.pid
	REDIS_LOG=$REDIS_DIR/redis.log
}

redis_pid() {
	local pid
	pid=$(read_pid "$REDIS_PIDFILE")
	pid_in_dir "$pid" "$REDIS_DIR" && printf '%s' "$pid"
}

redis_running() {
	redis_pid >/dev/null
}

redis_ping() {
	[[ $(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null) == PONG ]]
}

redis_start() {
	local pid deadline
	if redis_running; then
		msg "redis: already running (pid $(redis_pid))"
		return 0
	fi
	mkdir -p "$REDIS_DIR"
	chmod 700 "$REDIS_DIR"
	port_in_use "$REDIS_PORT" && die "redis: port $REDIS_PORT is already in use by another process"
	write_file "$REDIS_CONF" <<EOF
# Written by scripts/services.sh at each start; edit that script instead.
bind 127.0.0.1
port $REDIS_PORT
protected-mode yes
daemonize yes
supervised no
pidfile $(conf_quote "$REDIS_PIDFILE")
logfile $(conf_quote "$REDIS_LOG")
dir $(conf_quote "$REDIS_DIR")
appendonly yes
save ""
EOF
	rm -f "$REDIS_PIDFILE"
	if ! (cd "$REDIS_DIR" && redis-server "$REDIS_CONF" >>"$REDIS_LOG" 2>&1 {LOCK_FD}>&-); then
		fail_with_log redis "$REDIS_LOG" "redis-server refused to start"
	fi
	deadline=$((SECONDS + WAIT_SECS))
	until pid=$(redis_pid) && redis_ping; do
		if [[ -s $REDIS_PIDFILE ]] && ! redis_running; then
			fail_with_log redis "$REDIS_LOG" "redis-server exited during startup"
		fi
		((SECONDS < deadline)) ||
			fail_with_log redis "$REDIS_LOG" "Redis did not answer on 127.0.0.1:$REDIS_PORT within ${WAIT_SECS}s"
		sleep 0.1
	done
	msg "redis: started on 127.0.0.1:$REDIS_PORT (pid $pid)"
}

redis_stop() {
	local pid
	if ! pid=$(redis_pid); then
		msg "redis: not running"
		return 0
	fi
	# SIGTERM = SHUTDOWN: flushes the append-only file, no RDB (save "").
	kill -TERM "$pid" 2>/dev/null || true
	wait_gone "$pid" ||
		fail_with_log redis "$REDIS_LOG" "redis-server (pid $pid) did not stop within ${WAIT_SECS}s"
	msg "redis: stopped"
}

redis_status() {
	local pid
	if pid=$(redis_pid); then
		if redis_ping; then
			status_line redis running "127.0.0.1:$REDIS_PORT (pid $pid)"
			return 0
		fi
		status_line redis running "pid $pid, but not answering on 127.0.0.1:$REDIS_PORT"
		return 1
	fi
	status_line redis stopped "port $REDIS_PORT"
	return 1
}

# ---------------------------------------------------------------------------
# OpenLDAP slapd

ldap_locate() {
	LDAP_DIR=$STATE_DIR/ldap
	LDAP_CONF=$LDAP_DIR/slapd.conf
	LDAP_DATA=$LDAP_DIR/data
	LDAP_PIDFILE=$LDAP_DIR/slapd.pid
	LDAP_LOG=$LDAP_DIR/slapd.log
	LDAP_SEEDED=$LDAP_DIR/seeded
	LDAP_URI=ldap://127.0.0.1:$LDAP_PORT
}

ldap_pid() {
	local pid
	pid=$(read_pid "$LDAP_PIDFILE")
	pid_in_dir "$pid" "$LDAP_DIR" && printf '%s' "$pid"
}

ldap_running() {
	ldap_pid >/dev/null
}

ldap_ping() {
	ldapsearch -x -LLL -H "$LDAP_URI" -D "$LDAP_READER_DN" -w "$LDAP_READER_PW" \
		-o nettimeout=3 -l 3 -b "$LDAP_SUFFIX" '(uid=op.martin)' dn 2>/dev/null |
		grep -q '^dn: uid=op.martin,'
}

# Render slapd.conf from the template (every start, so that template changes
# apply) and load the seed LDIF with slapadd once, before the first start.
ldap_init() {
	local tpl rootpw line secret
	mkdir -p "$LDAP_DIR" "$LDAP_DATA"
	chmod 700 "$LDAP_DIR"
	rootpw=$(slappasswd -h '{SSHA}' -s "$LDAP_ADMIN_PW")
	tpl=$(<"$LDAP_TEMPLATE_DIR/slapd.conf.in")
	tpl=${tpl//@LDAP_DIR@/"$LDAP_DIR"}
	tpl=${tpl//@ROOTPW_HASH@/"$rootpw"}
	printf '%s\n' "$tpl" | write_file "$LDAP_CONF"
	chmod 600 "$LDAP_CONF"

	[[ -e $LDAP_SEEDED ]] && return 0
	msg "ldap: loading seed entries into $LDAP_DATA"
	rm -f "$LDAP_DATA"/*.mdb
	{
		while IFS= read -r line || [[ -n $line ]]; do
			if [[ $line =~ ^userPassword:\ @SSHA:(.*)@$ ]]; then
				secret=${BASH_REMATCH[1]}
				line="userPassword: $(slappasswd -h '{SSHA}' -s "$secret")"
			fi
			printf '%s\n' "$line"
		done <"$LDAP_TEMPLATE_DIR/seed.ldif.in"
	} | slapadd -q -f "$LDAP_CONF" >"$LDAP_DIR/slapadd.log" 2>&1 ||
		fail_with_log ldap "$LDAP_DIR/slapadd.log" "slapadd of the seed LDIF failed"
	date -u +%Y-%m-%dT%H:%M:%SZ >"$LDAP_SEEDED"
}

ldap_start() {
	local launcher pid deadline
	if ldap_running; then
		msg "ldap: already running (pid $(ldap_pid))"
		return 0
	fi
	ldap_init
	port_in_use "$LDAP_PORT" && die "ldap: port $LDAP_PORT is already in use by another process"
	rm -f "$LDAP_PIDFILE"
	# Foreground mode (-d) so that startup errors and the stats log land in
	# slapd.log; setsid detaches it from our session and terminal.
	(cd "$LDAP_DIR" && exec setsid slapd -d "$LDAP_DEBUG" -h "$LDAP_URI/" -f "$LDAP_CONF" \
		</dev/null >>"$LDAP_LOG" 2>&1 {LOCK_FD}>&-) &
	launcher=$!
	deadline=$((SECONDS + WAIT_SECS))
	until pid=$(ldap_pid) && ldap_ping; do
		pid_alive "$launcher" || ldap_running ||
			fail_with_log ldap "$LDAP_LOG" "slapd exited during startup"
		((SECONDS < deadline)) ||
			fail_with_log ldap "$LDAP_LOG" "slapd did not answer on $LDAP_URI within ${WAIT_SECS}s"
		sleep 0.1
	done
	msg "ldap: started on 127.0.0.1:$LDAP_PORT (pid $pid)"
}

ldap_stop() {
	local pid
	if ! pid=$(ldap_pid); then
		msg "ldap: not running"
		return 0
	fi
	kill -TERM "$pid" 2>/dev/null || true
	wait_gone "$pid" ||
		fail_with_log ldap "$LDAP_LOG" "slapd (pid $pid) did not stop within ${WAIT_SECS}s"
	msg "ldap: stopped"
}

ldap_status() {
	local pid
	if pid=$(ldap_pid); then
		if ldap_ping; then
			status_line ldap running "127.0.0.1:$LDAP_PORT (pid $pid)"
			return 0
		fi
		status_line ldap running "pid $pid, but not answering on $LDAP_URI"
		return 1
	fi
	status_line ldap stopped "port $LDAP_PORT"
	return 1
}

# ---------------------------------------------------------------------------

status_line() {
	printf 'services: %-6s %-8s %s\n' "$1" "$2" "$3"
}

write_env() {
	write_file "$STATE_DIR/services.env" <<EOF
PVI_DB_URL="host=127.0.0.1 port=$PG_PORT dbname=pvi user=pvi connect_timeout=3"
PVI_REDIS_HOST=127.0.0.1
PVI_REDIS_PORT=$REDIS_PORT
PVI_LDAP_URI=ldap://127.0.0.1:$LDAP_PORT
PVI_LDAP_BASE_DN=ou=people,$LDAP_SUFFIX
PVI_LDAP_BIND_DN=$LDAP_READER_DN
PVI_LDAP_BIND_PASSWORD=$LDAP_READER_PW
PVI_LDAP_GROUP_DN=cn=operators,ou=groups,$LDAP_SUFFIX
EOF
}

main() {
	local action=${1:-} target=${2:-all} rc=0 s
	local -a servers
	(($# <= 2)) || usage
	case $action in
	start | stop | status) ;;
	*) usage ;;
	esac
	case $target in
	all) servers=(pg redis ldap) ;;
	pg | redis | ldap) servers=("$target") ;;
	*) usage ;;
	esac
	check_port PVI_PG_PORT "$PG_PORT"
	check_port PVI_REDIS_PORT "$REDIS_PORT"
	check_port PVI_LDAP_PORT "$LDAP_PORT"
	[[ $WAIT_SECS =~ ^[0-9]+$ ]] || die "PVI_SERVICES_TIMEOUT must be a number of seconds"

	STATE_DIR=${PVI_STATE_DIR:-$REPO_DIR/.state/demo}
	if [[ $action != start && ! -d $STATE_DIR ]]; then
		for s in "${servers[@]}"; do
			if [[ $action == stop ]]; then
				msg "$s: not running"
			else
				status_line "$s" stopped "no state folder $STATE_DIR"
			fi
		done
		[[ $action == stop ]]
		return
	fi
	mkdir -p "$STATE_DIR"
	STATE_DIR=$(cd "$STATE_DIR" && pwd -P)
	cd /

	# One invocation at a time per state folder. Servers are started with
	# the lock descriptor closed so that they do not keep holding it.
	exec {LOCK_FD}>>"$STATE_DIR/.services.lock"
	flock -w 120 "$LOCK_FD" || die "another services.sh is busy with $STATE_DIR"

	redis_locate
	ldap_locate
	case $action in
	start)
		for s in "${servers[@]}"; do
			"${s}_start"
		done
		write_env
		;;
	stop)
		for ((s = ${#servers[@]} - 1; s >= 0; s--)); do
			"${servers[s]}_stop"
		done
		;;
	status)
		for s in "${servers[@]}"; do
			"${s}_status" || rc=1
		done
		;;
	esac
	return "$rc"
}

main "$@"
