#!/usr/bin/env bash
# bench.sh — `make bench`: the public front office at PVI scale, side by side
# with nginx serving the same pages pre-rendered as static files.
#   1. private PostgreSQL / Redis / slapd in .state/bench, 80,000 generated
#      sites (≈ 70,000 of them published) and 50,000 clients;
#   2. `pvictl republish --all` timed (the publisher daemon is not running);
#   3. internet-fo started; every site's home page pre-rendered for nginx;
#   4. wrk rotating the Host header over all published sites: nginx, then
#      internet-fo with its cache off (uniform hosts) and on (Zipf hosts);
#   5. resident memory of internet-fo, and approval → new page served;
#   5b. the back office's pages as an admin (bench/offices.py), p50 and p95;
#   6. the figures are printed and written to bench/RESULTS.md, with the
#      conditions of each wrk run: its real length and socket errors, the
#      machine's steal time, the longest stall seen by a heartbeat thread
#      (bench/heartbeat.py; a pause of the virtual machine shows there) and,
#      for internet-fo, how many requests took over 50 ms inside the server.
#      A run the machine disturbed (longer than asked, socket timeouts, a
#      stall over 1 % of the run, a pause of the VM) is named under the
#      table: its p99 measures the machine, not the server (bench/NOTES.md,
#      "A Zipf p99 of 147 ms").
# BENCH_SITES, BENCH_DURATION (s per run), BENCH_WARMUP (s of unrecorded load
# before each run, as long as the run by default), BENCH_CONNECTIONS override
# the defaults.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
sites=${BENCH_SITES:-80000}
clients=${BENCH_CLIENTS:-50000}
duration=${BENCH_DURATION:-15}
warmup=${BENCH_WARMUP:-$duration}
conns=${BENCH_CONNECTIONS:-64}

"$root/scripts/deps.sh"
for pkg in wrk nginx-light bc; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" ||
    { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk nginx-light bc; }
done
"$root/scripts/build.sh" build

export PVI_STATE_DIR="$root/.state/bench"
export PVI_PG_PORT=25832 PVI_REDIS_PORT=26779 PVI_LDAP_PORT=23789
state=$PVI_STATE_DIR
ifo_port=18280 ngx_port=18180 pub_port=18284
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$state/nginx.pid" ] && kill "$(cat "$state/nginx.pid")" 2>/dev/null || true
  "$root/scripts/services.sh" stop all >/dev/null 2>&1 || true
  rm -rf "$state/old"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The previous run's documents and pages are moved aside, and deleted when the
# run ends: for one to six minutes after tens of thousands of files are
# deleted, ext4 without a journal (as here) checks their inodes one by one
# when it allocates new ones (recently_deleted()), which would time the
# deletion, not the publisher. Runs started within minutes of each other are
# slowed all the same.
mkdir -p "$state/old"
for d in content www; do
  [ -d "$state/$d" ] && mv "$state/$d" "$state/old/$d.$$"
done
mkdir -p "$state/content" "$state/www" "$state/tmp"
"$root/scripts/services.sh" start all
set -a
# shellcheck disable=SC1091
. "$state/services.env"
set +a
export PVI_SCHEMA_DIR="$root/schema" PVI_XSL_DIR="$root/xsl" PVI_CONTENT_DIR="$state/content"
export PVI_PLATFORM_DOMAIN=pvi.bench PVI_LOG_LEVEL=warn
pvictl="$root/build/pvictl/pvictl"

psql_q() { psql "$PVI_DB_URL" -qAtX -c "$1"; }
psql_q "SET client_min_messages = warning; DROP SCHEMA public CASCADE; CREATE SCHEMA public;" >/dev/null
"$pvictl" migrate >/dev/null
echo "bench: seeding $sites sites / $clients clients"
seed_t0=$(date +%s.%N)
"$pvictl" seed --sites "$sites" --clients "$clients" --seed 1 --no-jobs 2>/dev/null
seed_s=$(echo "$(date +%s.%N) - $seed_t0" | bc)
published=$(psql_q "SELECT count(*) FROM sites WHERE state IN ('online','suspended')")
redis-cli -p "$PVI_REDIS_PORT" FLUSHALL >/dev/null

echo "bench: pvictl republish --all ($published sites)"
rep_t0=$(date +%s.%N)
"$pvictl" republish --all 2>/dev/null
republish_s=$(echo "$(date +%s.%N) - $rep_t0" | bc)

psql_q "SELECT slug || '.pvi.bench' FROM sites WHERE state = 'online' ORDER BY id" > "$state/hosts.txt"
nhosts=$(wc -l < "$state/hosts.txt")

start_ifo() { # $1 = cache MB
  PVI_INTERNET_FO_PORT=$ifo_port PVI_RENDER_CACHE_MB=$1 PVI_THREADS=${BENCH_THREADS:-4} \
    "$root/build/internet-fo/pvi-internet-fo" 2>>"$state/internet-fo.log" &
  ifo_pid=$!
  pids+=("$ifo_pid")
  for _ in $(seq 100); do curl -fs -o /dev/null "http://127.0.0.1:$ifo_port/healthz" && return; sleep 0.1; done
  echo "bench: internet-fo did not start" >&2; exit 1
}
stop_ifo() { kill "$ifo_pid"; wait "$ifo_pid" 2>/dev/null || true; }

echo "bench: pre-rendering $nhosts home pages for nginx"
start_ifo 0
python3 "$root/bench/prerender.py" "$state/hosts.txt" "$ifo_port" "$state/www"
stop_ifo
sed -e "s|@STATE@|$state|g" -e "s|@WWW@|$state/www|g" -e "s|@PORT@|$ngx_port|g" \
  "$root/bench/nginx.conf.in" > "$state/nginx.conf"
nginx -c "$state/nginx.conf"

# The machine's own hiccups, from here to the end of the wrk runs.
: > "$state/heartbeat.txt"
python3 "$root/bench/heartbeat.py" "$state/heartbeat.txt" &
pids+=("$!")
vm_forks() { { dmesg 2>/dev/null || true; } | grep -c 'virtual machine fork' || true; }
forks0=$(vm_forks)

# warm PORT MODE — an unrecorded run first, as long as the measured one, so
# that every server is measured in its steady state (nginx's open-file and
# page caches, internet-fo's route map and render cache)
warm() {
  wrk -t2 -c"$conns" -d"${warmup}s" -s "$root/bench/hosts.lua" "http://127.0.0.1:$1/" -- \
      "$state/hosts.txt" "$2" >/dev/null
}

# cpu_ticks — the machine's CPU time so far and its steal time (jiffies)
cpu_ticks() { awk '/^cpu / {t = 0; for (i = 2; i <= 9; i++) t += $i; print t, $9}' /proc/stat; }
# slow_requests — internet-fo's page requests so far that took over 50 ms
# between their request line and their answer
slow_requests() {
  curl -s "http://127.0.0.1:$ifo_port/metrics" | awk '
    /^pvi_http_request_duration_seconds_count\{.*route="page"/ {c = $2}
    /^pvi_http_request_duration_seconds_bucket\{.*route="page",le="0.05"\}/ {b = $2}
    END {print c - b}'
}
# longest_gap T0 T1 — the longest heartbeat gap (ms) that overlaps [T0, T1]
longest_gap() {
  awk -v a="$1" -v b="$2" '{g = $2 > $3 ? $2 : $3} $1 >= a && $1 - g / 1000 <= b && g > m {m = g}
    END {print m + 0}' "$state/heartbeat.txt"
}
declare -A c_elapsed c_errors c_steal c_gap c_slow
# A stall of the machine over 1 % of a run (150 ms for 15 s runs) is named:
# a few of them make the run's p99 (bench/NOTES.md).
stall_ms=$((duration * 10))
disturbed=()

# run NAME PORT MODE — one wrk run; sets rps, p50, p99, errors, and the
# run's conditions (c_*[NAME])
run() {
  local out t0 t1 ticks0 ticks1 slow0=
  [ "$2" = "$ifo_port" ] && slow0=$(slow_requests)
  ticks0=$(cpu_ticks) t0=$(date +%s.%N)
  out=$(wrk -t2 -c"$conns" -d"${duration}s" --latency -s "$root/bench/hosts.lua" \
        "http://127.0.0.1:$2/" -- "$state/hosts.txt" "$3")
  t1=$(date +%s.%N) ticks1=$(cpu_ticks)
  echo "$out" > "$state/wrk-$1.txt"
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $5}')
  printf 'bench: %-28s %10s req/s   p50 %8s   p99 %8s   non-2xx %s\n' "$1" "$rps" "$p50" "$p99" "${non2xx:-0}"
  # wrk's own length of the run ("requests in 15.09s" or "1.02m")
  c_elapsed[$1]=$(echo "$out" | awk '/requests in/ {v = $4; sub(/,$/, "", v); f = 1
    if (v ~ /ms$/) f = 0.001; else if (v ~ /m$/) f = 60; else if (v ~ /h$/) f = 3600
    sub(/[a-z]+$/, "", v); printf "%.1f", v * f}')
  c_errors[$1]=$(echo "$out" | awk '/Socket errors/ {gsub(",", ""); e = $4 + $6 + $8; t = $10}
    END {printf "%d (%d)", e + t, t}')
  c_steal[$1]=$(echo "$ticks0 $ticks1" | awk '{printf "%.1f", ($3 > $1) ? 100 * ($4 - $2) / ($3 - $1) : 0}')
  c_gap[$1]=$(longest_gap "$t0" "$t1")
  c_slow[$1]=-
  [ -n "$slow0" ] && c_slow[$1]=$(( $(slow_requests) - slow0 ))
  local why=()
  awk -v e="${c_elapsed[$1]}" -v d="$duration" 'BEGIN {exit !(e > d + 1)}' &&
    why+=("wrk took ${c_elapsed[$1]} s")
  case "${c_errors[$1]}" in *"(0)") ;; *) why+=("socket timeouts") ;; esac
  [ "${c_gap[$1]}" -gt "$stall_ms" ] && why+=("a ${c_gap[$1]} ms stall of the machine")
  if [ ${#why[@]} -gt 0 ]; then
    local joined
    joined=$(printf '%s, ' "${why[@]}")
    disturbed+=("$1: ${joined%, }")
    echo "bench: $1 was disturbed: ${disturbed[-1]#*: }" >&2
  fi
}

warm $ngx_port uniform
run "nginx (uniform)" $ngx_port uniform
ngx_uniform=$rps ngx_uniform_p50=$p50 ngx_uniform_p99=$p99
warm $ngx_port zipf
run "nginx (zipf)" $ngx_port zipf
ngx_zipf=$rps ngx_zipf_p50=$p50 ngx_zipf_p99=$p99

start_ifo 0
warm $ifo_port uniform
run "internet-fo cache off (uniform)" $ifo_port uniform
ifo_off=$rps ifo_off_p50=$p50 ifo_off_p99=$p99
rss_off=$(awk '/VmRSS/ {print $2}' "/proc/$ifo_pid/status")
stop_ifo

# metric NAME — one value of internet-fo's /metrics
metric() {
  curl -s "http://127.0.0.1:$ifo_port/metrics" | awk -v n="$1" '$1 == n {print $2}'
}
# cache_lookups RESULT — the render cache's hits or misses so far
cache_lookups() {
  metric "pvi_render_cache_lookups_total{result=\"$1\"}"
}

start_ifo 160
# internet-fo's first pre-rendering pass (every online site's home page)
pre_t0=$(date +%s.%N)
for _ in $(seq 1200); do
  passes=$(metric pvi_render_cache_prerender_passes_total)
  [ "${passes:-0}" -ge 1 ] && break
  sleep 0.1
done
prerender_s=$(echo "$(date +%s.%N) - $pre_t0" | bc)
prerender_note="its first pre-rendering pass, before the Zipf warm-up"
if [ "${passes:-0}" -lt 1 ]; then
  prerender_note="its first pre-rendering pass had NOT ended when the Zipf warm-up began"
  echo "bench: the first pre-rendering pass did not end within 120 s" >&2
fi
prerendered=$(metric pvi_render_cache_prerendered_total)
warm $ifo_port zipf
hits0=$(cache_lookups hit) misses0=$(cache_lookups miss)
run "internet-fo cache on (zipf)" $ifo_port zipf
ifo_on=$rps ifo_on_p50=$p50 ifo_on_p99=$p99
zipf_hits=$(( $(cache_lookups hit) - hits0 )) zipf_misses=$(( $(cache_lookups miss) - misses0 ))
zipf_miss_pct=$(echo "scale=1; 100 * $zipf_misses / ($zipf_hits + $zipf_misses)" | bc)
cache_entries=$(metric pvi_render_cache_entries)
run "internet-fo cache on (uniform)" $ifo_port uniform
ifo_on_uniform=$rps ifo_on_uniform_p50=$p50 ifo_on_uniform_p99=$p99
rss_on=$(awk '/VmRSS/ {print $2}' "/proc/$ifo_pid/status")
forks=$(( $(vm_forks) - forks0 ))
[ "$forks" -gt 0 ] && disturbed+=("the virtual machine was paused and resumed $forks time(s) during the runs (\"virtual machine fork\" in dmesg)")

# approval → new page served: the publisher daemon picks the job up (NOTIFY)
PVI_PUBLISHER_PORT=$pub_port "$root/build/publisher/pvi-publisher" 2>>"$state/publisher.log" &
pids+=("$!")
sleep 1
host=$(head -1 "$state/hosts.txt")
slug=${host%.pvi.bench}
lat=()
for i in 1 2 3 4 5; do
  t0=$(date +%s.%N)
  "$pvictl" site suspend "$slug" --reason "bench $i" >/dev/null
  until [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Host: $host" "http://127.0.0.1:$ifo_port/")" = 503 ]; do sleep 0.005; done
  lat+=("$(echo "$(date +%s.%N) - $t0" | bc)")
  "$pvictl" site resume "$slug" --reason "bench $i" >/dev/null
  until [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Host: $host" "http://127.0.0.1:$ifo_port/")" = 200 ]; do sleep 0.005; done
done
approval_max=$(printf '%s\n' "${lat[@]}" | sort -n | tail -1)
stop_ifo

# the back office as an admin uses it, on the same data: each page of
# bench/offices.pages asked 100 times over one kept-alive connection
bo_port=18281
echo "bench: the back office's pages"
bench_pw=bench-admin-2026
PVI_PASSWORD=$bench_pw "$pvictl" admin create --email bench@pvi.bench --name Bench >/dev/null
bo_site=$(psql_q "SELECT id FROM sites WHERE state = 'online' ORDER BY id LIMIT 1")
"$root/build/bench/pvi-bench-revisions" "$bo_site" 49
bo_phone=$(psql_q "SELECT r.content->'phones'->0->>'number' FROM sites s JOIN site_revisions r
  ON r.id = s.published_revision_id WHERE s.id = $bo_site" |
  sed -E 's/^\+33([0-9])([0-9]{2})([0-9]{2})([0-9]{2})([0-9]{2})$/0\1%20\2%20\3%20\4%20\5/')
bo_siret=$(psql_q "SELECT c.siret FROM sites s JOIN clients c ON c.id = s.client_id WHERE s.id = $bo_site")
bo_name=$(psql_q "SELECT split_part(business_name, ' ', 1) FROM sites WHERE id = $bo_site")
sed -e "s|{site}|$bo_site|g" -e "s|{phone}|$bo_phone|g" -e "s|{siret}|$bo_siret|g" \
  -e "s|{name}|$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$bo_name")|g" \
  "$root/bench/offices.pages" > "$state/offices.pages"
PVI_BACKOFFICE_PORT=$bo_port PVI_OFFICE_SCHEME=http "$root/build/backoffice/pvi-backoffice" \
  2>>"$state/backoffice.log" &
bo_pid=$!
pids+=("$bo_pid")
for _ in $(seq 100); do curl -fs -o /dev/null "http://127.0.0.1:$bo_port/healthz" && break; sleep 0.1; done
sleep 1
kill -0 "$bo_pid" 2>/dev/null ||
  { echo "bench: the back office did not start (port $bo_port taken?), see $state/backoffice.log" >&2; exit 1; }
office_table=$(python3 "$root/bench/offices.py" "$bo_port" bench@pvi.bench "$bench_pw" \
  "$state/offices.pages" 100)
kill "$bo_pid"; wait "$bo_pid" 2>/dev/null || true
echo "$office_table"

# what one page costs in process, phase by phase (200 published documents)
find "$state/content/sites/1" -name '*.xml' > "$state/docs-all.txt"
head -200 "$state/docs-all.txt" > "$state/docs.txt"
render_table=$(PVI_LOG_LEVEL=error "$root/build/bench/pvi-render-bench" "$root/xsl" 20 $(cat "$state/docs.txt"))

ratio() { echo "scale=2; $1 / $2" | bc; }
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
{
  echo "# Benchmark results"
  echo
  echo "Produced by \`make bench\` (scripts/bench.sh) on $(date -u +%Y-%m-%d), in one run."
  echo "Machine: $(nproc) cores ($cpu), $(free -g | awk '/Mem:/ {print $2}') GiB; wrk -t2 -c$conns -d${duration}s on the same machine (wrk shares the two cores), each run preceded by an unrecorded ${warmup} s warm-up with the same load; internet-fo with ${BENCH_THREADS:-4} threads."
  echo "Data: $sites generated sites ($published published, $nhosts online hosts rotated by wrk), $clients clients; pages are each site's home page."
  echo
  echo "| run | req/s | p50 | p99 | ratio to nginx (same host distribution) |"
  echo "|---|---|---|---|---|"
  echo "| nginx, static pre-rendered pages, uniform hosts | $ngx_uniform | $ngx_uniform_p50 | $ngx_uniform_p99 | 1.00 |"
  echo "| nginx, static pre-rendered pages, Zipf hosts | $ngx_zipf | $ngx_zipf_p50 | $ngx_zipf_p99 | 1.00 |"
  echo "| internet-fo, cache off, uniform hosts | $ifo_off | $ifo_off_p50 | $ifo_off_p99 | $(ratio "$ifo_off" "$ngx_uniform") |"
  echo "| internet-fo, cache on, Zipf hosts | $ifo_on | $ifo_on_p50 | $ifo_on_p99 | $(ratio "$ifo_on" "$ngx_zipf") |"
  echo "| internet-fo, cache on, uniform hosts | $ifo_on_uniform | $ifo_on_uniform_p50 | $ifo_on_uniform_p99 | $(ratio "$ifo_on_uniform" "$ngx_uniform") |"
  echo
  echo "Conditions of each run: wrk's own length of the run (${duration} s asked), its socket errors (timeouts), the machine's steal time, the longest stall a heartbeat thread saw (bench/heartbeat.py), and internet-fo's requests that took over 50 ms inside the server."
  echo
  echo "| run | length | socket errors (timeouts) | steal | longest stall | over 50 ms in internet-fo |"
  echo "|---|---|---|---|---|---|"
  for n in "nginx (uniform)" "nginx (zipf)" "internet-fo cache off (uniform)" "internet-fo cache on (zipf)" "internet-fo cache on (uniform)"; do
    gap="${c_gap[$n]} ms"
    [ "${c_gap[$n]}" = 0 ] && gap="< 50 ms"
    echo "| $n | ${c_elapsed[$n]} s | ${c_errors[$n]} | ${c_steal[$n]} % | $gap | ${c_slow[$n]} |"
  done
  echo
  if [ ${#disturbed[@]} -eq 0 ]; then
    echo "No run was disturbed by the machine (no run longer than asked, no socket timeout, no stall over $stall_ms ms, no pause of the virtual machine)."
  else
    printf '**Disturbed by the machine, not comparable:** '
    printf '%s; ' "${disturbed[@]}"
    echo 'run `make bench` again.'
  fi
  echo
  echo "| measure | value | target |"
  echo "|---|---|---|"
  echo "| seed $sites sites / $clients clients | ${seed_s%.*} s | ≤ 120 s (70,000 / 50,000) |"
  echo "| \`pvictl republish --all\` ($published sites) | $(printf '%.1f' "$republish_s") s | ≤ 30 s |"
  echo "| internet-fo resident memory, cache off, after the run | $((rss_off / 1024)) MB | ≤ 256 MB |"
  echo "| internet-fo resident memory, cache on (160 MB budget), after the runs | $((rss_on / 1024)) MB | ≤ 256 MB |"
  echo "| decision → new page served (suspend, 5 tries, worst) | $(printf '%.3f' "$approval_max") s | ≤ 1 s |"
  echo
  echo "Render cache: $prerendered home pages pre-rendered in $(printf '%.1f' "$prerender_s") s after internet-fo started ($prerender_note); during the Zipf run, $zipf_misses misses out of $((zipf_hits + zipf_misses)) lookups ($zipf_miss_pct %); $cache_entries pages held after it."
  echo
  echo "The back office's pages, logged in as an admin, on the same data (one site with 50 revisions): each asked 100 times over one kept-alive connection after 5 unrecorded requests, time to the whole answer measured by a client on the same machine (\`bench/offices.py\`, pages in \`bench/offices.pages\`). Target: p95 ≤ 50 ms for every page."
  echo
  echo "| page | path | status | p50 | p95 | size |"
  echo "|---|---|---|---|---|---|"
  echo "$office_table"
  echo
  echo "One page rendered in process (\`pvi-render-bench\`, 200 published documents, 20 rounds, one thread):"
  echo
  echo '```'
  echo "$render_table"
  echo '```'
  if [ -f "$root/bench/NOTES.md" ]; then echo; cat "$root/bench/NOTES.md"; fi
} > "$root/bench/RESULTS.md"
echo
cat "$root/bench/RESULTS.md"
