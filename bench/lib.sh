# Helpers shared by the benchmarks (sourced, not run): paths, logging, timing, statistics, the run's
# Compose project, its clean-up on exit and the backtrack CLI. A script sets BENCH_LOG (the log prefix)
# before sourcing, and project/work before calling compose, bt or bench_cleanup.
# shellcheck shell=bash

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

log() { printf '[%s] %s\n' "${BENCH_LOG:-bench}" "$*" >&2; }
die() { log "error: $*"; exit 1; }
now() { date +%s%N; }
ms_since() { echo $((($(now) - $1) / 1000000)); }

# Exits with status 2 unless VALUE is a whole number (and, with MIN, at least MIN).
require_number() { # NAME VALUE [MIN]
  case $2 in '' | *[!0-9]*) echo "$1 must be a number" >&2; exit 2 ;; esac
  [ -z "${3:-}" ] || [ "$2" -ge "$3" ] || { echo "$1 must be >= $3" >&2; exit 2; }
}

# N random bytes as hex.
random_hex() { head -c "$1" /dev/urandom | od -An -tx1 | tr -d ' \n'; }

engine_version() { docker version -f '{{.Server.Version}}'; }
# Which backtrack the benchmark timed, for its table.
bench_binary() { if [ -n "${BACKTRACK_BIN:-}" ]; then echo "binary $BACKTRACK_BIN (BACKTRACK_BIN)"; else echo "binary .build/backtrack (ReadyToRun, framework-dependent)"; fi; }

# A free 127.0.0.1 port: random picks, bounded.
free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % 30000))
    if [ -z "$(ss -Htan "sport = :$p" 2>/dev/null)" ]; then echo "$p"; return 0; fi
  done
  die "no free port found"
}

median() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
range() { printf '%s\n' "$@" | sort -n | awk 'NR==1{lo=$1} {hi=$1} END {print lo "–" hi}'; }
ratio() { awk -v x="$1" -v y="$2" 'BEGIN {printf (y > 0) ? "%.2f" : "n/a", (y > 0) ? x / y : 0}'; }

# The real Compose client on the run's project ($project, $work/compose.yaml).
compose() { "$repo/scripts/compose.sh" -p "$project" --project-directory "$work" -f "$work/compose.yaml" "$@"; }

# The backtrack CLI in $work, bounded by BT_TIMEOUT seconds (0: no bound). BACKTRACK_BIN=FILE times another
# build (the release file of scripts/package.sh) instead of scripts/setup.sh's .build/backtrack.
bt() { (cd "$work" && timeout "${BT_TIMEOUT:-1800}" "$repo/backtrack" "$@"); }

# On exit, also on failure or interruption: compose down -v, the containers labelled
# org.backtrack.bench.run=$project, the project's network, the work folder, and what the script's own
# bench_cleanup_more (if it defines one) removes; then the exit status stands.
bench_cleanup() {
  local rc=$? ids
  trap - EXIT INT TERM
  set +e
  log "cleaning up $project"
  [ -f "$work/compose.yaml" ] && compose down -v --remove-orphans -t 1 >/dev/null 2>&1
  ids=$(docker ps -aq --filter "label=org.backtrack.bench.run=$project")
  # shellcheck disable=SC2086
  [ -n "$ids" ] && docker rm -f -v $ids >/dev/null 2>&1
  declare -F bench_cleanup_more >/dev/null && bench_cleanup_more
  docker network rm "${project}_default" >/dev/null 2>&1
  rm -rf "$work"
  exit "$rc"
}
bench_traps() {
  trap bench_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

# For the newest operation in the journal (`backtrack history`): the summed duration in ms of its applied
# steps matching each Python predicate over a step `s` (keys kind, lane, description, ...), space-separated.
journal_ms() { # PREDICATE...
  bt history -o json --limit 1 | python3 -c '
import json, sys
from datetime import datetime
t = lambda v: datetime.fromisoformat(v.replace("Z", "+00:00"))
steps = [s for s in json.load(sys.stdin)[0]["steps"] if s["phase"] == "apply"]
print(*(round(sum((t(s["ended"]) - t(s["started"])).total_seconds() * 1000 for s in steps if eval(p, {"s": s}))) for p in sys.argv[1:]))
' "$@"
}
