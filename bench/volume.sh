#!/usr/bin/env bash
# Benchmark (not a test): a full snapshot and a full restore of a named volume of SIZE_MB (default 1024)
# against the plain docker commands doing the same by hand. One compose project `btbench-<random>` with a
# service `web` (backtrack-demo/web:v1) mounting the volume `data`, filled with random files; measured in ms:
#   snap      `backtrack snapshot create --only volumes` (archive API through a parked container, sha256 of the
#             archive and of every file in it, manifest)
#   cp-out    `docker cp web:/data - > data.tar` (the same bytes, nothing checked)
#   restore   `backtrack rollback full --to SNAPSHOT --yes` (verify: checksums + per-file hashes; a full safety
#             snapshot of the present; stop, remove, volume replaced exactly, container created, started, gated)
#   by-hand   the runbook's equivalent: sha256sum of the archive, `docker cp` out of the present (the backup),
#             `docker stop` + `docker rm`, `docker volume rm` + `create`, `docker cp` in through a created
#             container, `docker compose up -d`
#   replace   the volume replacement step of that rollback alone (from `backtrack history -o json --limit 1`):
#             archive checked, volume removed and created again, filled through a parked container
#   safety    that rollback's safety snapshot step (the present's config, specs and volume; same history)
#   cp-in     the same by hand (timed inside by-hand): `docker volume rm` + `create`, `docker create`, `docker cp` in,
#             `docker rm`
# and prints the whole-command ratios snap/cp-out and restore/by-hand (verify and safety snapshot included)
# and the like-for-like ratios replace/cp-in and safety/cp-out. Target: <= 1.2.
#
#   SIZE_MB=1024 bench/volume.sh
#
# Everything it creates carries the label org.backtrack.bench=true and is removed on exit, also on failure.
set -euo pipefail
BENCH_LOG=bench
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
SIZE_MB=${SIZE_MB:-1024}
require_number SIZE_MB "$SIZE_MB"

./scripts/setup.sh >/dev/null
project="btbench-$(random_hex 4)"
work=$(mktemp -d)
BT_TIMEOUT=0
bench_cleanup_more() { docker rm -f "$project-parked" >/dev/null 2>&1; }
bench_traps

cat > "$work/compose.yaml" <<YAML
services:
  web:
    image: backtrack-demo/web:v1
    volumes: [data:/data]
    labels: { org.backtrack.bench: "true" }
volumes:
  data:
    labels: { org.backtrack.bench: "true" }
YAML
cat > "$work/backtrack.yml" <<YAML
environments:
  bench:
    project: $project
    stateDir: state
    healthTimeout: 30s
    stopTimeout: 5s
    services:
      web: { health: none }
YAML
compose up -d >/dev/null 2>&1
web=$(compose ps -q web)
files=$(( SIZE_MB / 64 > 0 ? SIZE_MB / 64 : 1 ))
each=$(( SIZE_MB / files ))
log "filling the volume: $files files of $each MB"
docker exec "$web" /bin/busybox sh -c "i=0; while [ \$i -lt $files ]; do dd if=/dev/urandom of=/data/f\$i bs=1M count=$each 2>/dev/null; i=\$((i+1)); done"

t0=$(now); out=$(bt snapshot create --only volumes -o json)
snap=$(ms_since "$t0")
id=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])' <<<"$out")
t0=$(now); docker cp "$web:/data" - > "$work/data.tar"
cpout=$(ms_since "$t0")
log "snapshot $id: $snap ms; docker cp out: $cpout ms"

# A full restore needs the specs: a config snapshot taken now, the volume data from the volumes snapshot.
bt snapshot create --only config >/dev/null
docker exec "$web" /bin/busybox sh -c 'echo stray > /data/stray'
full=$(bt snapshot create -o json | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
docker exec "$web" /bin/busybox sh -c 'rm /data/stray; echo later > /data/later'
t0=$(now); bt rollback full --to "$full" --yes >/dev/null
restore=$(ms_since "$t0")
# Steps are journaled inside wrappers (kind ForwardOnlyStep): the replacement is found by its lane and description.
read -r replace safety < <(bt history -o json --limit 1 | python3 -c '
import json, sys
from datetime import datetime
steps = [s for s in json.load(sys.stdin)[0]["steps"] if s["phase"] == "apply"]
t = lambda v: datetime.fromisoformat(v.replace("Z", "+00:00"))
ms = lambda chosen: round(sum((t(s["ended"]) - t(s["started"])).total_seconds() * 1000 for s in chosen))
print(ms([s for s in steps if s["lane"].startswith("volume ") and s["description"].startswith("replace volume ")]),
      ms([s for s in steps if s["kind"] == "FullSafetySnapshotStep"]))')

web=$(compose ps -q web)
t0=$(now)
sha256sum "$work/data.tar" >/dev/null
docker cp "$web:/data" - > "$work/present.tar"
docker stop -t 5 "$web" >/dev/null && docker rm "$web" >/dev/null
t2=$(now)
docker volume rm "${project}_data" >/dev/null
docker volume create --label "com.docker.compose.project=$project" --label com.docker.compose.volume=data --label org.backtrack.bench=true "${project}_data" >/dev/null
docker create --name "$project-parked" --label org.backtrack.bench=true -v "${project}_data:/data" backtrack-demo/web:v1 >/dev/null
docker cp - "$project-parked:/" < "$work/data.tar"
docker rm "$project-parked" >/dev/null
t3=$(now)
compose up -d >/dev/null 2>&1
byhand=$(ms_since "$t0")
cpin=$(((t3 - t2) / 1000000))

engine=$(engine_version)
printf '\nVolume benchmark: %s MB in %s files, engine %s, %s CPUs\n\n' "$SIZE_MB" "$files" "$engine" "$(nproc)"
printf '| Measurement | ms |\n|---|---:|\n'
printf '| snapshot create --only volumes | %s |\n| docker cp out | %s |\n' "$snap" "$cpout"
printf '| rollback full (verify, safety snapshot, replace, recreate) | %s |\n| by hand (sha256sum, cp out, stop, rm, volume recreate, cp in, up) | %s |\n' "$restore" "$byhand"
printf '| safety snapshot step of that rollback (from history) | %s |\n| volume replacement step of that rollback (from history) | %s |\n' "$safety" "$replace"
printf '| by hand: volume rm + create, docker create, docker cp in, rm | %s |\n' "$cpin"
awk -v a="$snap" -v b="$cpout" -v c="$restore" -v d="$byhand" -v e="$replace" -v f="$cpin" -v g="$safety" 'BEGIN {
  printf "\nwhole command: snapshot create / docker cp out %.2f, rollback full / by hand %.2f\n", a / b, c / d
  printf "like for like: safety snapshot step / docker cp out %.2f, volume replacement step / docker cp in by hand %.2f\n", g / b, e / f
  printf "target <= 1.2\n" }'
