#!/usr/bin/env bash
# Runs every test: unit tests, then integration tests against the real dockerd (set up first).
set -euo pipefail
cd "$(dirname "$0")"
./scripts/setup.sh
# Leftovers of an earlier run that was killed: only this suite's own containers, by its label.
docker ps -aq --filter label=org.backtrack.test=true | xargs -r docker rm -f >/dev/null
docker volume ls -q --filter label=org.backtrack.test=true | xargs -r docker volume rm -f >/dev/null
dotnet build Backtrack.slnx -c Release -nologo -v q -clp:NoSummary
status=0
for project in tests/Backtrack.Tests tests/Backtrack.IntegrationTests; do
  dotnet test "$project" -c Release --no-build -nologo --logger "console;verbosity=normal" 2>&1 | tee "/tmp/backtrack-test-$(basename "$project").log" || status=1
done
# One closing line for the whole suite.
passed=$(grep -hoE '^ *Passed: +[0-9]+' /tmp/backtrack-test-*.log | grep -oE '[0-9]+' | paste -sd+ | bc)
failed=$(grep -hoE '^ *Failed: +[0-9]+' /tmp/backtrack-test-*.log | grep -oE '[0-9]+' | paste -sd+ | bc)
skipped=$(grep -hoE '^ *Skipped: +[0-9]+' /tmp/backtrack-test-*.log | grep -oE '[0-9]+' | paste -sd+ | bc)
echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
exit $status
