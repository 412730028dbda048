#!/usr/bin/env bash
# Benchmark (not a test): how fast `backtrack guard` (a resident process) rolls back a bad deploy made by
# plain `docker compose up -d`, compared with Swarm's own `failure_action: rollback` (monitor 5 s) on the
# single-node swarm when the engine is a swarm manager. One Compose project `btbench-<random>`, service web
# (backtrack-demo/web, an HTTP check on a free 127.0.0.1 port, restart unless-stopped); per round, in ms:
#   exit.detect   the bad container's exit (its die event's time) -> the rollback's first step starting
#   exit.total    `docker compose up -d` of a version that exits at once -> v1 answering /version again
#   check.detect  the deploy's container started -> the rollback's first step (a failing /health: the poll
#                 interval times the failures in a row, plus the rollback's planning)
#   check.total   `docker compose up -d` of a version without /health -> v1 answering again
#   swarm.total   `docker service update --image` to a version that exits -> Swarm's rollback completed and
#                 the old task running (update monitor 5 s, failure_action rollback, parallelism 1)
#
#   N=3 bench/guard.sh      (N >= 1 rounds, default 3; guard's interval 250ms, 3 failures in a row)
#
# Everything carries org.backtrack.bench=true and org.backtrack.bench.run=<project> and is removed on exit.
set -euo pipefail
BENCH_LOG=guard
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"

N=${N:-3}
require_number N "$N" 1
"$repo/scripts/setup.sh" >&2

project="btbench-$(random_hex 4)"
work=$(mktemp -d "/tmp/$project.XXXXXX")
BT_TIMEOUT=0
guard_pid=
swarm_service="$project-swarm"
bench_cleanup_more() {
  [ -n "$guard_pid" ] && kill -TERM "$guard_pid" 2>/dev/null && wait "$guard_pid" 2>/dev/null
  docker service rm "$swarm_service" >/dev/null 2>&1 || true
}
bench_traps
port=$(free_port)

cat >"$work/compose.yaml" <<EOF
services:
  web:
    image: backtrack-demo/web:\${WEB_TAG:-v1}
    entrypoint: ["/bin/busybox", "sh", "-c", "\${WEB_SCRIPT:-trap 'exit 0' TERM; /bin/busybox httpd -f -p 8080 -h /www & wait}"]
    ports: ["127.0.0.1:$port:8080"]
    restart: unless-stopped
    labels:
      org.backtrack.bench: "true"
      org.backtrack.bench.run: "$project"
EOF
cat >"$work/backtrack.yml" <<EOF
environments:
  bench:
    project: $project
    stateDir: state
    healthTimeout: 20s
    stopTimeout: 5s
    verify:
      restartWindow: 1s
    guard:
      window: 20s
      interval: 250ms
      healthFailures: 3
    services:
      web:
        health: http://127.0.0.1:$port/health
EOF

version() { curl -s --noproxy '*' --max-time 1 "http://127.0.0.1:$port/version" 2>/dev/null || true; }
# Waits (bounded: 60 s) until /version answers "web v1".
wait_v1() {
  local deadline=$(($(now) + 60000000000))
  until [ "$(version)" = "web v1" ]; do
    [ "$(now)" -lt "$deadline" ] || die "web v1 did not answer again within 60 s"
    sleep 0.02
  done
}
# Waits (bounded: 90 s) until guard's journal has COUNT lines with DECISION.
wait_decision() { # DECISION COUNT
  local deadline=$(($(now) + 90000000000))
  local count
  until count=$(grep -c "\"decision\":\"$1\"" "$work/state/guard.jsonl" 2>/dev/null); [ "${count:-0}" -ge "$2" ]; do
    [ "$(now)" -lt "$deadline" ] || die "guard did not journal $1 #$2 within 90 s"
    sleep 0.05
  done
}
# ms from the start of the window's trigger to the newest operation's first step: the die event's time
# (in the detection line) or the window's opening.
detect_ms() { # exit|check
  bt history -o json --limit 1 | python3 -c '
import json, sys
from datetime import datetime, timezone
first = min(s["started"] for s in json.load(sys.stdin)[0]["steps"])
first = datetime.fromisoformat(first.replace("Z", "+00:00"))
lines = [json.loads(l) for l in open(sys.argv[2])]
if sys.argv[1] == "exit":
    detail = [l for l in lines if l["decision"] == "failure-detected"][-1]["detail"]
    hhmmss = detail.rsplit("detected ", 1)[1].split(" UTC")[0]
    at = datetime.combine(first.date(), datetime.strptime(hhmmss, "%H:%M:%S.%f").time(), timezone.utc)
else:
    at = datetime.fromisoformat([l for l in lines if l["decision"] == "window-opened"][-1]["at"].replace("Z", "+00:00"))
print(round((first - at).total_seconds() * 1000))
' "$1" "$work/state/guard.jsonl"
}

log "project $project on port $port; engine $(engine_version)"
compose up -d >/dev/null 2>&1
wait_v1
bt record --note v1 >/dev/null
(cd "$work" && exec "$repo/backtrack" guard) >"$work/guard.log" 2>&1 &
guard_pid=$!
wait_decision started 1

declare -a exit_detect exit_total check_detect check_total swarm_total
rolled=0
for round in $(seq 1 "$N"); do
  for scenario in exit check; do
    if [ "$scenario" = exit ]; then script="exit 3"; else script="trap 'exit 0' TERM; /bin/busybox httpd -f -p 8080 -h /bin & wait"; fi
    start=$(now)
    WEB_TAG=v3 WEB_SCRIPT="$script" compose up -d >/dev/null 2>&1
    rolled=$((rolled + 1))
    wait_decision rolled-back "$rolled"
    wait_v1
    total=$(ms_since "$start")
    detect=$(detect_ms "$scenario")
    log "round $round $scenario: detection $detect ms, bad deploy -> v1 again $total ms"
    if [ "$scenario" = exit ]; then exit_detect+=("$detect"); exit_total+=("$total"); else check_detect+=("$detect"); check_total+=("$total"); fi
  done
done
kill -TERM "$guard_pid"; wait "$guard_pid" || true; guard_pid=

if [ "$(docker info -f '{{.Swarm.ControlAvailable}}')" = true ]; then
  sport=$(free_port)
  docker service create -d --name "$swarm_service" --label org.backtrack.bench=true --label "org.backtrack.bench.run=$project" \
    --container-label org.backtrack.bench=true --publish "mode=host,target=8080,published=$sport" \
    --update-failure-action rollback --update-monitor 5s --update-parallelism 1 --update-order stop-first \
    --rollback-monitor 1s --restart-condition any --restart-delay 0s \
    backtrack-demo/web:v1 >/dev/null
  swarm_state() { docker service inspect -f '{{if .UpdateStatus}}{{.UpdateStatus.State}}{{end}}' "$swarm_service"; }
  deadline=$(($(now) + 60000000000))
  until [ "$(curl -s --noproxy '*' --max-time 1 "http://127.0.0.1:$sport/version" || true)" = "web v1" ]; do
    [ "$(now)" -lt "$deadline" ] || die "the swarm service did not start"; sleep 0.1
  done
  for round in $(seq 1 "$N"); do
    start=$(now)
    docker service update -d --image backtrack-demo/web:v3 --entrypoint "/bin/busybox sh -c 'exit 3'" "$swarm_service" >/dev/null 2>&1
    deadline=$(($(now) + 180000000000))
    until [ "$(swarm_state)" = rollback_completed ] && [ "$(curl -s --noproxy '*' --max-time 1 "http://127.0.0.1:$sport/version" || true)" = "web v1" ]; do
      [ "$(now)" -lt "$deadline" ] || die "swarm did not roll back within 180 s (state $(swarm_state))"; sleep 0.05
    done
    swarm_total+=("$(ms_since "$start")")
    log "round $round swarm: bad update -> v1 again ${swarm_total[-1]} ms"
  done
fi

echo "| scenario (median of $N, ms) | detection | bad deploy -> old version healthy again |"
echo "| --- | --- | --- |"
echo "| guard, the new container exits | $(median "${exit_detect[@]}") (range $(range "${exit_detect[@]}")) | $(median "${exit_total[@]}") (range $(range "${exit_total[@]}")) |"
echo "| guard, the new version fails its check | $(median "${check_detect[@]}") (from the container's start) | $(median "${check_total[@]}") (range $(range "${check_total[@]}")) |"
if [ "${#swarm_total[@]}" -gt 0 ]; then
  echo "| Swarm failure_action: rollback (monitor 5 s), the new task exits | - | $(median "${swarm_total[@]}") (range $(range "${swarm_total[@]}")) |"
  echo
  echo "guard vs Swarm (exit): $(ratio "$(median "${exit_total[@]}")" "$(median "${swarm_total[@]}")")"
else
  echo
  echo "Swarm: the engine is no swarm manager; not measured"
fi
