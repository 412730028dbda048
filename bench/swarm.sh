#!/usr/bin/env bash
# Benchmark (not a test): Backtrack's rollback of a swarm service against `docker service rollback` of the
# same change (v3 back to v1 of backtrack-demo/api), at the same update config (swarm's defaults: one task
# at a time, stop-first, 5 s monitor), for 1 and 2 replicas. The task template checks health every second
# (`healthcheck: interval: 1s`, for every version and both tools: the image's own HEALTHCHECK runs every 5 s
# and would dominate the engine's time, as a task is not running before its first check passes). One stack
# `btbench-<random>` on the machine's swarm (made one when it is not: `docker swarm init --advertise-addr
# 127.0.0.1`). Each round, per replica count, measures in ms:
#   s    `docker service rollback --detach=false SERVICE` (the CLI waits until the tasks are stable) until it returns
#   e    the same, detached, until every task swarm wants runs v1 (polled every 200 ms): the engine's own time
#   c    `backtrack rollback service api --to <v1 release> --yes --no-verify` until it returns (gate: every
#        task on the recorded spec, running and passing its check; without the closing checklist, as
#        bench/rollback.sh's c: it only reads, and neither docker command runs one)
# between them the service is updated to v3 again (untimed). Prints a markdown table of medians.
# Target: c <= 0.5 * s.
#
#   N=3 REPLICAS="1 2" bench/swarm.sh     (N >= 1 rounds, default 3; about 2 minutes a round)
#
# Everything it creates carries org.backtrack.bench=true; the stack is removed on exit, also on failure.
set -euo pipefail
BENCH_LOG=swarm
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"

N=${N:-3}
REPLICAS=${REPLICAS:-1 2}
require_number N "$N" 1
for r in $REPLICAS; do require_number REPLICAS "$r" 1; done

"$repo/scripts/setup.sh" >&2

project="btbench-$(random_hex 4)"
work=$(mktemp -d "/tmp/$project.XXXXXX")
service="${project}_api"
BT_TIMEOUT=180

bench_cleanup_more() {
  docker stack rm "$project" >/dev/null 2>&1
  for _ in $(seq 1 60); do
    [ -z "$(docker ps -aq --filter "label=com.docker.stack.namespace=$project")" ] && break
    sleep 1
  done
  docker network rm "${project}_default" >/dev/null 2>&1 || true
}
bench_traps

[ "$(docker info -f '{{.Swarm.LocalNodeState}}')" = active ] || docker swarm init --advertise-addr 127.0.0.1 --listen-addr 127.0.0.1:2377 >/dev/null

deploy() { # REPLICAS TAG
  cat >"$work/stack.yml" <<YAML
version: "3.8"
services:
  api:
    image: backtrack-demo/api:$2
    environment: { APP_MODE: "$2" }
    healthcheck: { interval: 1s }
    labels: { org.backtrack.bench: "true" }
    deploy:
      replicas: $1
      labels: { org.backtrack.bench: "true" }
networks:
  default:
    labels: { org.backtrack.bench: "true" }
YAML
  docker stack deploy --resolve-image never -c "$work/stack.yml" "$project" >/dev/null
}

# Waits until every task swarm wants running of the service runs TAG and there are REPLICAS of them.
wait_runs() { # REPLICAS TAG
  local lines
  for _ in $(seq 1 600); do
    lines=$(docker service ps "$service" --filter desired-state=running --format '{{.Image}} {{.CurrentState}}' 2>/dev/null || true)
    if [ "$(grep -c . <<<"$lines")" -eq "$1" ] && ! grep -qv "^backtrack-demo/api:$2 Running" <<<"$lines"; then return 0; fi
    sleep 0.2
  done
  die "$service does not run $1 tasks of $2 within 120 s"
}

forward() { # REPLICAS: the same deploy of v3 again, waited for
  docker service update --detach --no-resolve-image --image backtrack-demo/api:v3 --env-add APP_MODE=v3 "$service" >/dev/null 2>&1
  wait_runs "$1" v3
}

cat >"$work/backtrack.yml" <<YAML
environments:
  bench:
    backend: swarm
    stack: $project
    stateDir: state
    healthTimeout: 60s
    services:
      api:
        health: docker
YAML

log "stack $project, N=$N, engine $(engine_version)"
rows=""
for replicas in $REPLICAS; do
  # A stack of its own for each replica count: changing replicas and image in one deploy of a service that
  # was just rolled back and forward again can leave swarm's update waiting (seen: 2 tasks of v1 never came).
  bench_cleanup_more
  deploy "$replicas" v1
  wait_runs "$replicas" v1
  v1=$(bt record --note v1 | sed -n 's/^recorded release \([0-9]*\).*/\1/p')
  [ -n "$v1" ] || die "backtrack record failed"
  deploy "$replicas" v3
  wait_runs "$replicas" v3
  S=() E=() C=()
  for round in $(seq 1 "$N"); do
    t0=$(now)
    docker service rollback --detach=false "$service" >/dev/null 2>&1 || die "docker service rollback failed"
    s_ms=$(ms_since "$t0")
    wait_runs "$replicas" v1
    forward "$replicas"

    t0=$(now)
    docker service rollback --detach "$service" >/dev/null 2>&1 || die "docker service rollback --detach failed"
    wait_runs "$replicas" v1
    e_ms=$(ms_since "$t0")
    forward "$replicas"

    t0=$(now)
    bt rollback service api --to "$v1" --yes --no-verify >"$work/rollback.log" 2>&1 || { cat "$work/rollback.log" >&2; die "backtrack rollback failed"; }
    c_ms=$(ms_since "$t0")
    wait_runs "$replicas" v1
    forward "$replicas"

    S+=("$s_ms") E+=("$e_ms") C+=("$c_ms")
    log "$replicas replica(s), round $round/$N: s=$s_ms e=$e_ms c=$c_ms ms"
  done
  ms=$(median "${S[@]}") me=$(median "${E[@]}") mc=$(median "${C[@]}")
  rows+="| $replicas | $ms ($(range "${S[@]}")) | $me ($(range "${E[@]}")) | $mc ($(range "${C[@]}")) | $(ratio "$mc" "$ms") | $(ratio "$mc" "$me") |"$'\n'
done

cat <<TABLE

Swarm rollback benchmark: v3 -> v1 of one service, median (range) of $N runs in ms, engine $(engine_version), $(nproc) CPUs.

| replicas | (s) \`docker service rollback --detach=false\` | (e) the same, detached, until every task runs v1 | (c) \`backtrack rollback service --to RELEASE --no-verify\` | c / s | c / e |
|---:|---:|---:|---:|---:|---:|
${rows}
Target c ≤ 0.5 × s.
TABLE
