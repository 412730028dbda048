#!/usr/bin/env bash
# The main job on the embedded demo stack: bring up v1, record it, deploy a broken v2 of one service,
# let Backtrack find the problem and roll everything back to the last good release.
set -uo pipefail
cd "$(dirname "$0")"
./scripts/setup.sh || exit 1
bt() { echo; echo "\$ backtrack $*"; ../backtrack "$@"; }
compose() { ../scripts/compose.sh -p backtrack-demo "$@"; }

cd demo
echo "== bring up the demo stack at v1"
compose down --remove-orphans >/dev/null 2>&1 || true
docker ps -aq --filter label=com.docker.compose.project=backtrack-demo | xargs -r docker rm -f >/dev/null
rm -rf .backtrack
printf 'API_TAG=v1\n' >.env
compose up -d --quiet-pull 2>&1 | tail -n 3
bt health --timeout 2s >/dev/null || sleep 1
bt record --note "v1 deploy"

echo; echo "== deploy a broken v2 of api (CI/CD writes the tag into .env and runs compose up)"
printf 'API_TAG=v2\n' >.env
compose up -d api 2>&1 | tail -n 2
bt record --note "v2 deploy"

echo; echo "== 3am: find the problem"
bt status
echo "(exit code $?)"

echo; echo "== roll everything back to the last good release"
bt rollback all --dry-run
bt rollback all --yes || exit 1

echo; echo "== after the rollback: .env still says v2; pin the rolled-back image so compose up keeps it"
bt status
bt pin --yes || exit 1
compose up -d 2>&1 | tail -n 3
bt status || exit 1
bt releases --limit 3

echo; echo "== the incident report, from the journal"
bt report
