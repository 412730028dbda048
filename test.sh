#!/usr/bin/env bash
# Runs every test: unit tests, then integration tests against the real dockerd (set up first).
set -euo pipefail
cd "$(dirname "$0")"
./scripts/setup.sh
# Leftovers of an earlier run that was killed: only this suite's own (by its label), and only those
# older than half an hour, so that a run going on beside this one (another checkout) keeps its own.
cutoff=$(($(date +%s) - 1800))
for id in $(docker ps -aq --filter label=org.backtrack.test=true); do
  created=$(docker inspect -f '{{.Created}}' "$id" 2>/dev/null) || continue
  [ "$(date -d "$created" +%s)" -lt "$cutoff" ] && { docker rm -f "$id" >/dev/null 2>&1 || true; }
done
for volume in $(docker volume ls -q --filter label=org.backtrack.test=true); do
  created=$(docker volume inspect -f '{{.CreatedAt}}' "$volume" 2>/dev/null) || continue
  [ "$(date -d "$created" +%s)" -lt "$cutoff" ] || continue
  # A parked container (created, never started, for archive transfers) a killed run left holds its volume.
  docker ps -aq --filter "label=org.backtrack.parked=$volume" | xargs -r docker rm -f >/dev/null 2>&1 || true
  docker volume rm -f "$volume" >/dev/null 2>&1 || true
done
true
dotnet build Backtrack.slnx -c Release -nologo -v q -clp:NoSummary
status=0
log=$(mktemp)
for project in tests/Backtrack.Tests tests/Backtrack.IntegrationTests; do
  dotnet test "$project" -c Release --no-build -nologo 2>&1 | tee -a "$log" || status=1
done
# One closing line for the whole suite, summed over the projects' "Failed: N, Passed: N, Skipped: N" lines.
awk -F'[:,]' '/(Passed|Failed)! +- +Failed:/ { f += $2; p += $4; s += $6 }
  END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit $status
