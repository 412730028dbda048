#!/usr/bin/env bash
# The single file without .NET: runs dist/backtrack-linux-x64 (scripts/package.sh linux-x64) inside a
# container of backtrack-db/postgres-redis:15-7 — a debootstrap'd minimal Debian with no dotnet — with the
# engine's socket mounted, against a small Compose project this script starts and removes (label
# org.backtrack.test=true, name bt-single-<random>). Checks 'backtrack --version' and 'backtrack status'.
# Then runs ./demo.sh on this machine with the single file (BACKTRACK_BIN) and .NET hidden: a mount
# namespace of its own with an empty tmpfs over /usr/share/dotnet (so /usr/bin/dotnet leads nowhere).
#
#   scripts/check-single-file.sh [FILE]        FILE: default dist/backtrack-linux-x64
#
# FILE's folder is mounted in the container (scripts/package.sh's host file is NativeAOT, SQLite linked in).
#
# A script rather than an integration test: the NativeAOT publish takes 4-25 minutes on the shared 2-CPU CI
# machine, too much of the suite's 30-minute budget.
set -euo pipefail
cd "$(dirname "$0")/.."

file=$(realpath "${1:-dist/backtrack-linux-x64}")
image=backtrack-db/postgres-redis:15-7
[ -x "$file" ] || { echo "[single-file] $file is missing; run scripts/package.sh linux-x64 first" >&2; exit 2; }
docker image inspect "$image" >/dev/null 2>&1 || { echo "[single-file] $image is missing; run scripts/setup.sh" >&2; exit 2; }

project=bt-single-$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n')
dir=$(mktemp -d)
demo_log=$(mktemp)
cleanup() { docker compose -p "$project" -f "$dir/compose.yaml" down -v -t 1 >/dev/null 2>&1 || true; rm -rf "$dir" "$demo_log"; }
trap cleanup EXIT

cat >"$dir/compose.yaml" <<YAML
services:
  web:
    image: backtrack-demo/web:v1
    labels: { org.backtrack.test: "true" }
  api:
    image: backtrack-demo/api:v1
    labels: { org.backtrack.test: "true" }
YAML
cat >"$dir/backtrack.yml" <<YAML
environments:
  single:
    project: $project
    stateDir: /work/state
    services:
      web: { health: none }
      api: { health: none }
YAML
docker compose -p "$project" -f "$dir/compose.yaml" up -d --quiet-pull >/dev/null 2>&1

run() {
  docker run --rm --label org.backtrack.test=true -v /var/run/docker.sock:/var/run/docker.sock \
    -v "$(dirname "$file"):/opt/backtrack:ro" -e PATH="/opt/backtrack:/usr/local/bin:/usr/bin:/bin" \
    -v "$dir:/work" -w /work --entrypoint /bin/sh "$image" -c "$1"
}

run 'if command -v dotnet; then echo "dotnet is in the image" >&2; exit 1; fi; test ! -d /usr/share/dotnet'
version=$(run "$(basename "$file") --version")
echo "[single-file] --version: $version"
[[ $version == backtrack\ * ]] || { echo "[single-file] --version printed '$version'" >&2; exit 1; }
status=$(run "$(basename "$file") status -o json")
services=$(printf '%s' "$status" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["services"]))')
echo "[single-file] status: $services services"
[ "$services" = 2 ] || { echo "[single-file] status saw $services services: $status" >&2; exit 1; }

# shellcheck disable=SC2016 # expanded by the inner shell
if ! unshare -m env -u DOTNET_ROOT BACKTRACK_BIN="$file" bash -c '
  mount -t tmpfs tmpfs /usr/share/dotnet
  if command -v dotnet >/dev/null; then echo "dotnet is still reachable" >&2; exit 1; fi
  ./demo.sh' >"$demo_log" 2>&1; then
  tail -n 30 "$demo_log" >&2; echo "[single-file] the demo failed without .NET (log above)" >&2; exit 1
fi
grep -q 'rolled back\|Rolled back\|restored' "$demo_log" || { tail -n 30 "$demo_log" >&2; echo "[single-file] the demo did not roll back" >&2; exit 1; }
echo "[single-file] demo: $(grep -c '^\$ backtrack' "$demo_log") backtrack commands ran without .NET"
echo "[single-file] ok: the single file runs --version, status and the demo without .NET"
