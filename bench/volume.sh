#!/usr/bin/env bash
# Benchmark (not a test): a full snapshot and a full restore of a named volume of SIZE_MB (default 1024)
# against the plain docker commands doing the same by hand, in N rounds (default 3; medians and ranges). One
# compose project `btbench-<random>` with a service `web` (backtrack-demo/web:v1) mounting the volume `data`,
# filled with random files. Measured in ms:
#   (1) `backtrack snapshot create --only volumes`, the first of a chain (the engine is local: the files
#       read from the volume's mountpoint in parallel, hashed as they stream into the content store,
#       listing and manifest) against (2) `docker cp web:/data - > data.tar`;
#   (5) a second snapshot of the unchanged volume (no file read again) and (6) one after 1 % of the files
#       were rewritten (only those read); (7) the storage 5 snapshots take, each after another 1 % changed,
#       against 5 tar copies (the size of data.tar, 5 times);
#   (3) `backtrack rollback full --to SNAPSHOT --yes` (verify: checksums + per-file hashes; a full safety
#       snapshot of the present; stop, remove, volume replaced exactly, container created, started, gated,
#       then the final verify, whose restart window is a fixed wait: (3a)); from its journal the safety
#       snapshot step (3c) and the volume replacement step (3d);
#   (4) by hand: sha256sum of the archive, `docker cp` out of the present (the backup), `docker stop` +
#       `docker rm`, `docker volume rm` + `create`, `docker cp` in through a created container (4a),
#       `docker compose up -d`;
# and prints the ratios. Target: <= 1.2.
#
#   SIZE_MB=1024 FILE_MB=1 N=3 bench/volume.sh
#   BACKTRACK_BIN=dist/backtrack-linux-x64 bench/volume.sh     (times that build; the table names it)
#
# Everything it creates carries the label org.backtrack.bench=true and is removed on exit, also on failure.
set -euo pipefail
BENCH_LOG=bench
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
SIZE_MB=${SIZE_MB:-1024}
FILE_MB=${FILE_MB:-1}
N=${N:-3}
require_number SIZE_MB "$SIZE_MB"
require_number FILE_MB "$FILE_MB" 1
require_number N "$N" 1

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
files=$(( SIZE_MB / FILE_MB > 0 ? SIZE_MB / FILE_MB : 1 ))
each=$(( SIZE_MB / files ))
changed=$(( files / 100 > 0 ? files / 100 : 1 ))
log "filling the volume: $files files of $each MB"
docker exec "$web" /bin/busybox sh -c "i=0; while [ \$i -lt $files ]; do dd if=/dev/urandom of=/data/f\$i bs=1M count=$each 2>/dev/null; i=\$((i+1)); done"
# Rewrites 1 % of the files (ROUND picks which), new random content.
change_some() {
  docker exec "$web" /bin/busybox sh -c "i=0; while [ \$i -lt $changed ]; do dd if=/dev/urandom of=/data/f\$(( ($1 * $changed + i) % $files )) bs=1M count=$each 2>/dev/null; i=\$((i+1)); done"
}

# Snapshot side, N alternating rounds: a first snapshot of the volume, a second one of the same data, one
# after 1 % of the files changed; then docker cp of the same data.
S=() U=() C=() O=()
for round in $(seq 1 "$N"); do
  rm -rf "${work:?}/state/snapshots" "$work/data.tar"
  t0=$(now); bt snapshot create --only volumes >/dev/null
  S+=("$(ms_since "$t0")")
  t0=$(now); bt snapshot create --only volumes >/dev/null
  U+=("$(ms_since "$t0")")
  change_some "$round"
  t0=$(now); bt snapshot create --only volumes >/dev/null
  C+=("$(ms_since "$t0")")
  t0=$(now); docker cp "$web:/data" - > "$work/data.tar"
  O+=("$(ms_since "$t0")")
  log "round $round/$N: snapshot create --only volumes ${S[-1]} ms, unchanged ${U[-1]} ms, 1 % changed ${C[-1]} ms, docker cp out ${O[-1]} ms"
done

# Storage: a chain of 5 snapshots, 1 % of the files changed before each of the last 4.
rm -rf "${work:?}/state/snapshots"
for i in 1 2 3 4 5; do
  [ "$i" -gt 1 ] && change_some "$((N + i))"
  bt snapshot create --only volumes >/dev/null
done
stored=$(( $(du -sb "$work/state/snapshots" | cut -f1) / 1048576 ))
copies=$(( 5 * $(stat -c %s "$work/data.tar") / 1048576 ))
log "5 snapshots: $stored MB stored, 5 tar copies $copies MB"
rm -rf "${work:?}/state/snapshots"

# Restore side: a full snapshot (specs, config, the volume), then N rounds of: the volume changed
# (a stray file added), `rollback full` to it, then the same by hand from data.tar.
full=$(bt snapshot create -o json | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
R=() G=() V=() P=() F=() H=() I=()
for round in $(seq 1 "$N"); do
  web=$(compose ps -q web)
  docker exec "$web" /bin/busybox sh -c "echo stray > /data/stray-$round"
  t0=$(now); bt rollback full --to "$full" --yes >/dev/null
  R+=("$(ms_since "$t0")")
  # From the journal: the final verify (its restart window is a fixed wait), the volume replacement (journaled
  # inside a wrapper: found by lane and description) and the safety snapshot.
  read -r verify replace safety < <(journal_ms 's["kind"] == "verify"' \
    's["lane"].startswith("volume ") and s["description"].startswith("replace volume ")' 's["kind"] == "snapshot.full-safety"')
  G+=("$((R[-1] - verify))") V+=("$verify") P+=("$replace") F+=("$safety")
  # by hand: the archive checked, the present backed up, stop and remove, the volume recreated and filled, up.
  web=$(compose ps -q web)
  docker exec "$web" /bin/busybox sh -c "echo stray > /data/stray-$round"
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
  H+=("$(ms_since "$t0")") I+=("$(((t3 - t2) / 1000000))")
  rm -f "$work/present.tar"
  log "round $round/$N: rollback full ${R[-1]} ms (verify window ${V[-1]}, safety ${F[-1]}, replace ${P[-1]}), by hand ${H[-1]} ms (cp in ${I[-1]})"
done

snap=$(median "${S[@]}") unchanged=$(median "${U[@]}") changed_ms=$(median "${C[@]}") cpout=$(median "${O[@]}") restore=$(median "${R[@]}") gated=$(median "${G[@]}") window=$(median "${V[@]}")
replace=$(median "${P[@]}") safety=$(median "${F[@]}") byhand=$(median "${H[@]}") cpin=$(median "${I[@]}")
engine=$(engine_version)
printf '\nVolume benchmark: %s MB in %s files, engine %s, %s CPUs, %s, median and range of %s rounds\n\n' "$SIZE_MB" "$files" "$engine" "$(nproc)" "$(bench_binary)" "$N"
printf '| Measurement | Median (ms) | Range (ms) |\n|---|---:|---:|\n'
printf '| (1) `snapshot create --only volumes` (first of a chain) | %s | %s |\n| (2) `docker cp web:/data - > file` | %s | %s |\n' "$snap" "$(range "${S[@]}")" "$cpout" "$(range "${O[@]}")"
printf '| (5) second snapshot, volume unchanged | %s | %s |\n' "$unchanged" "$(range "${U[@]}")"
printf '| (6) snapshot after %s of %s files (1 %%) changed | %s | %s |\n' "$changed" "$files" "$changed_ms" "$(range "${C[@]}")"
printf '| (3) `rollback full --to SNAPSHOT --yes` (verify, safety snapshot, replace, recreate, gate, final verify) | %s | %s |\n' "$restore" "$(range "${R[@]}")"
printf '| (3a) its final verify (restart window: a fixed wait) | %s | %s |\n' "$window" "$(range "${V[@]}")"
printf '| (3b) 3 up to the health gate (3 - 3a) | %s | %s |\n' "$gated" "$(range "${G[@]}")"
printf '| (3c) its safety snapshot step | %s | %s |\n| (3d) its volume replacement step | %s | %s |\n' "$safety" "$(range "${F[@]}")" "$replace" "$(range "${P[@]}")"
printf '| (4) by hand: sha256sum, cp out (backup), stop, rm, volume rm + create, cp in, compose up | %s | %s |\n' "$byhand" "$(range "${H[@]}")"
printf '| (4a) of which volume rm + create, docker create, docker cp in, rm | %s | %s |\n' "$cpin" "$(range "${I[@]}")"
printf '| 1 / 2 (first snapshot vs. docker cp out; target <= 1.2) | %s | |\n' "$(ratio "$snap" "$cpout")"
printf '| 5 / 2 (unchanged snapshot vs. docker cp out; target <= 0.1) | %s | |\n' "$(ratio "$unchanged" "$cpout")"
printf '| 6 / 2 (1 %% changed vs. docker cp out; target <= 0.2) | %s | |\n' "$(ratio "$changed_ms" "$cpout")"
printf '| (7) storage of 5 snapshots, 1 %% changed between each: %s MB against 5 tar copies %s MB | %s | |\n' "$stored" "$copies" "$(ratio "$stored" "$copies")"
printf '| 3b / 4 (restore to the gate vs. by hand) | %s | |\n' "$(ratio "$gated" "$byhand")"
printf '| 3d / 4a (volume replacement vs. docker cp in) | %s | |\n' "$(ratio "$replace" "$cpin")"
printf '| 3c / 2 (safety snapshot vs. docker cp out) | %s | |\n' "$(ratio "$safety" "$cpout")"
printf '| 3 / 4 (whole rollback full, final verify included, vs. by hand) | %s | |\n' "$(ratio "$restore" "$byhand")"
printf '\nTarget <= 1.2\n'
