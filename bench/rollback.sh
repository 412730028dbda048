#!/usr/bin/env bash
# Benchmark (not a test): how long a one-service rollback takes, compared with a bare `docker start`
# and with the runbook's manual path. One compose project `btbench-<random>` with a single service
# `web` (backtrack-demo/web:${WEB_TAG:-v1}) on a free 127.0.0.1 port; each round measures, in ms:
#   a     `docker start` of the stopped web container -> first HTTP 200 from /health
#   stop  `docker stop` of the running web container (measured in the same step as a)
#   b     manual path: `docker stop` web + `docker run -d` of the other tag on the same port -> first 200
#   c     `backtrack rollback service web --to <other tag> --yes --no-verify` (alternating v1/v3) until it returns
#         (also timed with --dry-run just before: the CLI's start-up and planning, changing nothing); run with
#         BACKTRACK_TRACE_TIMING=1, whose phases (start-up, config, state database, planning, each step, the
#         journal's total, exit) are printed as medians beside a, measured in the same rounds
#   d     start-first: `backtrack rollback service app --to <tag> --no-verify` of a service with no published
#         port behind a real haproxy (Debian's, scripts/setup.sh's image; it resolves app's alias through
#         Docker's DNS), while a curl loop requests /version through the proxy: failed requests (target 0)
#   e     the same rollback back, with verification (restartWindow 5s), end to end; and how long after
#         max(last gate, new container's start + window) verify ends (the window runs beside the swap;
#         target <= 1000 ms)
# and prints a markdown table of medians. Target: c <= 1.3 * a + stop.
#
#   N=7 WEB_TAG=v1 bench/rollback.sh      (N >= 5 rounds, default 7; one untimed warm-up round first)
#   BACKTRACK_BIN=dist/backtrack-linux-x64 bench/rollback.sh     (times that build; the table names it)
#
# Everything it creates carries the labels org.backtrack.bench=true and org.backtrack.bench.run=<project>
# and is removed on exit, also on failure. Progress goes to stderr, the table to stdout.
set -euo pipefail
BENCH_LOG=bench
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"

N=${N:-7}
WEB_TAG=${WEB_TAG:-v1}
WARMUP=${WARMUP:-1}
POLL_INTERVAL=${POLL_INTERVAL:-0.01}   # seconds between /health probes
POLL_LIMIT_MS=${POLL_LIMIT_MS:-20000}  # give up waiting for /health after this long
require_number N "$N" 1
case $WEB_TAG in v1 | v3) ;; *) echo "WEB_TAG must be v1 or v3 (v2 has no /health)" >&2; exit 2 ;; esac

other_tag() { if [ "$1" = v1 ]; then echo v3; else echo v1; fi; }

"$repo/scripts/setup.sh" >&2

project="btbench-$(random_hex 4)"
work=$(mktemp -d "/tmp/$project.XXXXXX")
manual="$project-manual"
BT_TIMEOUT=60
bench_traps
port=$(free_port)
proxy_port=$(free_port)

url="http://127.0.0.1:$port/health"

cat >"$work/compose.yaml" <<EOF
services:
  web:
    image: backtrack-demo/web:\${WEB_TAG:-v1}
    ports: ["127.0.0.1:$port:8080"]
    environment:
      APP_MODE: bench
    labels:
      org.backtrack.bench: "true"
      org.backtrack.bench.run: "$project"
  app:
    image: backtrack-demo/web:v1
    labels:
      org.backtrack.bench: "true"
      org.backtrack.bench.run: "$project"
  proxy:
    image: backtrack-test/haproxy:latest
    ports: ["127.0.0.1:$proxy_port:8080"]
    volumes: ["./haproxy.cfg:/etc/haproxy/haproxy.cfg:ro"]
    labels:
      org.backtrack.bench: "true"
      org.backtrack.bench.run: "$project"
EOF
sed s/SERVICE/app/ demo/proxy/haproxy.cfg >"$work/haproxy.cfg"
cat >"$work/backtrack.yml" <<EOF
environments:
  bench:
    project: $project
    stateDir: state
    healthTimeout: 20s
    stopTimeout: 10s
    verify:
      restartWindow: 5s
    services:
      web:
        health: $url
      app:
        health: docker
        drain: 1s
      proxy:
        health: none
EOF

# Prints the HTTP status of one probe of URL (000 when there is no answer).
probe() { curl -s --noproxy '*' -o /dev/null -w '%{http_code}' --connect-timeout 0.5 --max-time 1 "$1" 2>/dev/null || true; }

# Waits, from start time T0 (ns), for the first 200 from /health; prints the ms since T0.
wait_healthy() {
  local t0=$1 code=000 elapsed
  for _ in $(seq 1 $((POLL_LIMIT_MS / 5 + 1))); do
    code=$(probe "$url")
    elapsed=$(ms_since "$t0")
    if [ "$code" = 200 ]; then echo "$elapsed"; return 0; fi
    [ "$elapsed" -lt "$POLL_LIMIT_MS" ] || break
    sleep "$POLL_INTERVAL"
  done
  die "no HTTP 200 from $url within ${POLL_LIMIT_MS} ms (last status $code)"
}

# The running compose container of web (its ID changes with every rollback).
web_id() {
  local id
  id=$(docker ps -q --filter "label=com.docker.compose.project=$project" \
    --filter "label=com.docker.compose.service=web")
  [ -n "$id" ] && [ "$(wc -w <<<"$id")" -eq 1 ] || die "expected one running web container, got '${id//$'\n'/ }'"
  echo "$id"
}

log "project $project, port $port, web:$WEB_TAG, N=$N (+$WARMUP warm-up), engine $(engine_version)"
(cd "$work" && WEB_TAG=$WEB_TAG compose up -d >"$work/up.log" 2>&1) || { cat "$work/up.log" >&2; die "compose up failed"; }
wait_healthy "$(now)" >/dev/null
bt record --note bench >/dev/null || die "backtrack record failed"

# Requests /version through the proxy until $work/stop-loop exists (at most 5000 requests, 120 s);
# prints "requests failed".
request_loop() {
  local n=0 failed=0 end=$((SECONDS + 120))
  while [ ! -e "$work/stop-loop" ] && [ $n -lt 5000 ] && [ $SECONDS -lt $end ]; do
    n=$((n + 1))
    [ "$(curl -s --noproxy '*' -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$proxy_port/version")" = 200 ] || failed=$((failed + 1))
  done
  echo "$n $failed"
}

# For the newest operation: ms from max(last gate's end, last container start's end + the 5 s window) to verify's end.
verify_overshoot_ms() {
  bt history -o json --limit 1 | python3 -c '
import json, sys
from datetime import datetime, timedelta
t = lambda v: datetime.fromisoformat(v.replace("Z", "+00:00"))
steps = [s for s in json.load(sys.stdin)[0]["steps"] if s["phase"] == "apply" and s.get("ended")]
end = lambda kind: max(t(s["ended"]) for s in steps if s["kind"] == kind)
ready = max(end("health.gate"), end("container.start") + timedelta(seconds=5))
print(round((end("verify") - ready).total_seconds() * 1000))
'
}

A=() B=() C=() S=() D=() F=() R=() E=() O=()
current=$WEB_TAG
rounds=$((N + WARMUP))
for round in $(seq 1 "$rounds"); do
  keep=$((round > WARMUP))

  # stop + (a): docker stop of the running container, then docker start -> first 200.
  id=$(web_id)
  t0=$(now)
  docker stop -t 10 "$id" >/dev/null
  stop_ms=$(ms_since "$t0")
  t0=$(now)
  docker start "$id" >/dev/null
  a_ms=$(wait_healthy "$t0")

  # (b): the runbook by hand: docker stop + docker run of the other tag on the same port.
  prev=$(other_tag "$current")
  id=$(web_id)
  t0=$(now)
  docker stop -t 10 "$id" >/dev/null
  docker run -d --name "$manual" -p "127.0.0.1:$port:8080" \
    --label org.backtrack.bench=true --label "org.backtrack.bench.run=$project" \
    "backtrack-demo/web:$prev" >/dev/null
  b_ms=$(wait_healthy "$t0")
  docker rm -f "$manual" >/dev/null
  docker start "$id" >/dev/null
  wait_healthy "$(now)" >/dev/null

  # (c): backtrack rollback to the other tag; it returns once /health answers.
  target=$(other_tag "$current")
  t0=$(now)
  bt rollback service web --to "$target" --yes --no-verify --dry-run >"$work/dry.log" 2>&1 ||
    { cat "$work/dry.log" >&2; die "backtrack rollback --dry-run failed"; }
  d_ms=$(ms_since "$t0")
  t0=$(now)
  BACKTRACK_TRACE_TIMING=1 bt rollback service web --to "$target" --yes --no-verify >"$work/rollback.log" 2>&1 ||
    { cat "$work/rollback.log" >&2; die "backtrack rollback --to $target failed"; }
  c_ms=$(ms_since "$t0")
  [ "$(probe "$url")" = 200 ] || die "web not healthy right after rollback to $target"
  version=$(curl -s --noproxy '*' --max-time 1 "http://127.0.0.1:$port/version" || true)
  [ "$version" = "web $target" ] || die "after rollback to $target web serves version '$version'"
  current=$target

  # (d): start-first rollback of app behind the proxy under a request loop; (e): back again, with verification.
  rm -f "$work/stop-loop"
  request_loop >"$work/loop.out" &
  loop_pid=$!
  bt rollback service app --to "$target" --yes --no-verify >"$work/app.log" 2>&1 ||
    { touch "$work/stop-loop"; cat "$work/app.log" >&2; die "backtrack rollback service app --to $target failed"; }
  touch "$work/stop-loop"
  wait "$loop_pid"
  read -r requests failed <"$work/loop.out"
  t0=$(now)
  bt rollback service app --to "$(other_tag "$target")" --yes >"$work/verify.log" 2>&1 ||
    { cat "$work/verify.log" >&2; die "backtrack rollback service app with verification failed"; }
  e_ms=$(ms_since "$t0")
  overshoot=$(verify_overshoot_ms)

  if [ "$keep" -eq 1 ]; then
    grep '^trace: ' "$work/rollback.log" >>"$work/phases.log" || true
    A+=("$a_ms") B+=("$b_ms") C+=("$c_ms") S+=("$stop_ms") D+=("$d_ms") F+=("$failed") R+=("$requests") E+=("$e_ms") O+=("$overshoot")
    log "round $((round - WARMUP))/$N: a=${a_ms} stop=${stop_ms} b=${b_ms} c=${c_ms} dry-run=${d_ms} ms (-> $target); d: $failed of $requests requests failed; e=${e_ms} ms, verify ended ${overshoot} ms after gate/window"
  else
    log "warm-up: a=${a_ms} stop=${stop_ms} b=${b_ms} c=${c_ms} ms (-> $target)"
  fi
done

ma=$(median "${A[@]}") mb=$(median "${B[@]}") mc=$(median "${C[@]}") ms=$(median "${S[@]}") md=$(median "${D[@]}")
total_failed=$(printf '%s\n' "${F[@]}" | awk '{s += $1} END {print s}')
total_requests=$(printf '%s\n' "${R[@]}" | awk '{s += $1} END {print s}')
target_ms=$(awk -v a="$ma" -v s="$ms" 'BEGIN {printf "%.0f", 1.3 * a + s}')
met=$(awk -v c="$mc" -v t="$target_ms" 'BEGIN {print (c <= t) ? "met" : "missed"}')

cat <<EOF

Rollback benchmark: 1 service, median and range of $N runs, engine $(engine_version), $(nproc) CPUs, $(bench_binary).

| Measurement | Median (ms) | Range (ms) |
|---|---:|---:|
| (a) \`docker start\` of the stopped container → first 200 | $ma | $(range "${A[@]}") |
| stop: \`docker stop\` of the running container | $ms | $(range "${S[@]}") |
| (b) runbook by hand: \`docker stop\` + \`docker run -d\` → first 200 | $mb | $(range "${B[@]}") |
| (c) \`backtrack rollback service web --to <tag> --yes --no-verify\` | $mc | $(range "${C[@]}") |
| same command with \`--dry-run\` (CLI start + plan, no change) | $md | $(range "${D[@]}") |
| c / a | $(ratio "$mc" "$ma") | |
| b / c | $(ratio "$mb" "$mc") | |
| c / (a + stop) | $(ratio "$mc" "$(awk -v a="$ma" -v s="$ms" 'BEGIN {print a + s}')") | |
| (d) start-first \`rollback service app\` behind haproxy: failed requests of all rounds | $total_failed of $total_requests | $(range "${F[@]}") per round |
| (e) \`rollback service app --to <tag> --yes\` with verification (restartWindow 5 s) | $(median "${E[@]}") | $(range "${E[@]}") |
| (e) verify's end after max(last gate, new container's start + window) | $(median "${O[@]}") | $(range "${O[@]}") |

Target c ≤ 1.3 × a + stop = $target_ms ms: **$met** (c = $mc ms).

Where (c)'s time goes (BACKTRACK_TRACE_TIMING=1, median of $N runs; nested phases overlap: 'lock and repair
check' holds 'state db open', 'run' holds the steps, the journal and the drift check; 'exit' is the whole process):

| Phase of (c) | Median (ms) | % of c |
|---|---:|---:|
EOF
# One row per phase, in the order of the first round's trace lines.
awk '{ms = $NF; $1 = ""; $NF = ""; sub(/^ +/, ""); sub(/ +$/, ""); if (!($0 in seen)) { seen[$0] = 1; order[++n] = $0 } v[$0] = v[$0] " " ms}
  END {for (i = 1; i <= n; i++) print order[i] "\t" v[order[i]]}' "$work/phases.log" |
  while IFS=$'\t' read -r phase values; do
    # shellcheck disable=SC2086
    m=$(median $values)
    printf '| %s | %s | %s %% |\n' "$phase" "$m" "$(awk -v m="$m" -v c="$mc" 'BEGIN {printf "%.0f", 100 * m / c}')"
  done
echo
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
