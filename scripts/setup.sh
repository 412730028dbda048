#!/usr/bin/env bash
# Prepares a fresh Debian 12 machine (as root) for Backtrack: packages, a running dockerd, a Compose
# client, the locally built demo images and the built tool. Idempotent; a rerun takes seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

log() { printf '[setup] %s\n' "$*" >&2; }
# shellcheck source=lib.sh
. scripts/lib.sh

apt_updated=0
apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ $apt_updated -eq 0 ]; then apt-get update -qq; apt_updated=1; fi
  log "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

start_dockerd() {
  docker info >/dev/null 2>&1 && return 0
  log "starting dockerd"
  nohup dockerd >/var/log/backtrack-dockerd.log 2>&1 &
  for _ in $(seq 1 150); do
    docker info >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  log "dockerd did not answer within 30 s; see /var/log/backtrack-dockerd.log"
  exit 1
}

# Compose v2 as a docker CLI plugin, taken from Debian trixie's docker-compose package (a static Go
# binary); bookworm's Compose v1 where v2 cannot be had.
install_compose() {
  docker compose version >/dev/null 2>&1 && return 0
  command -v docker-compose >/dev/null 2>&1 && return 0
  local work; work=$(mktemp -d)
  local apt_opts=(-o "Dir::Etc::SourceList=$work/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache")
  mkdir -p "$work/lists/partial" "$work/cache/archives/partial"
  local mirror
  mirror=$(debian_mirror bookworm | head -n 1)
  if [ -n "$mirror" ]; then
    echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] ${mirror%/} trixie main" >"$work/sources.list"
    if apt-get "${apt_opts[@]}" update -qq >/dev/null 2>&1 &&
      (cd "$work" && apt-get "${apt_opts[@]}" download docker-compose >/dev/null 2>&1); then
      dpkg-deb -x "$work"/docker-compose_*.deb "$work/pkg"
      install -D -m 0755 "$work/pkg/usr/libexec/docker/cli-plugins/docker-compose" \
        /usr/local/lib/docker/cli-plugins/docker-compose
    fi
  fi
  rm -rf "$work"
  docker compose version >/dev/null 2>&1 && return 0
  log "Compose v2 unavailable; installing Compose v1"
  apt_install docker-compose
}

# Builds IMAGE from CONTEXT unless an image of that tag already carries the same inputs hash.
build_image() {
  local tag=$1 context=$2 hash have
  hash=$(cd "$context" && find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
  have=$(docker image inspect -f '{{index .Config.Labels "org.backtrack.inputs"}}' "$tag" 2>/dev/null || true)
  [ "$have" = "$hash" ] && return 0
  log "building $tag"
  DOCKER_BUILDKIT=0 docker build -q --label "org.backtrack.inputs=$hash" --label org.backtrack.demo=true \
    -t "$tag" "$context" >/dev/null 2>&1 || { log "docker build of $tag failed"; exit 1; }
}

# Prometheus for the guard's Prometheus signal tests, which start their own process on 127.0.0.1:
# the Debian service stays off (it would listen on every interface at 9090).
install_prometheus() {
  dpkg -s prometheus >/dev/null 2>&1 && return 0
  apt_install prometheus
  if [ -d /run/systemd/system ]; then systemctl disable --now prometheus >/dev/null 2>&1 || true; fi
}

# Demo services web, api and worker at v1, v2 (broken: no /health) and v3.
build_demo_images() {
  local work; work=$(mktemp -d)
  for svc in web api worker; do
    for version in v1 v2 v3; do
      local ctx="$work/$svc-$version"
      mkdir -p "$ctx/www"
      cp demo/images/app/Dockerfile "$ctx/"
      sed -i "s/^ARG VERSION$/ARG VERSION=$version/" "$ctx/Dockerfile"
      cp /bin/busybox "$ctx/busybox"
      echo "$svc $version" >"$ctx/www/version"
      [ "$version" = v2 ] || echo ok >"$ctx/www/health"
      build_image "backtrack-demo/$svc:$version" "$ctx"
    done
  done
  rm -rf "$work"
}

# haproxy from Debian in an image FROM scratch (its binary and the libraries ldd lists): the reverse proxy
# in front of a start-first service in its tests and in bench/rollback.sh (d); it resolves the service's
# network alias through Docker's DNS. The configuration is mounted by whoever runs it.
build_proxy_image() {
  local work bin; work=$(mktemp -d) bin=$(command -v haproxy)
  mkdir -p "$work/rootfs"
  cp --parents "$bin" "$work/rootfs/"
  ldd "$bin" | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// {print $1}' | while read -r lib; do
    cp --parents -L "$lib" "$work/rootfs/"
  done
  printf '%s\n' 'FROM scratch' 'COPY rootfs /' "ENTRYPOINT [\"$bin\", \"-db\", \"-f\", \"/etc/haproxy/haproxy.cfg\"]" >"$work/Dockerfile"
  build_image backtrack-test/haproxy:latest "$work"
  rm -rf "$work"
}

# The stamp holds the commit the build was made from ('backtrack --version' names it): a new commit rebuilds too.
build_tool() {
  [ -n "${BACKTRACK_BIN:-}" ] && { log "using $BACKTRACK_BIN (BACKTRACK_BIN), no build"; return 0; }
  local stamp=.build/stamp sources commit
  commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
  sources=$(find src Directory.*.props -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' \) -newer "$stamp" 2>/dev/null | head -n 1 || true)
  if [ -f "$stamp" ] && [ -z "$sources" ] && [ "$(cat "$stamp")" = "$commit" ]; then return 0; fi
  log "building backtrack ($commit)"
  # ReadyToRun: precompiled code starts in about 2/3 of the time, which every rollback pays.
  local publish=(dotnet publish src/Backtrack.Cli -c Release -r linux-x64 --self-contained false
    -p:PublishReadyToRun=true -o .build/backtrack -nologo -v q)
  "${publish[@]}" >/dev/null 2>&1 || { "${publish[@]}"; exit 1; }
  echo "$commit" >"$stamp"
}

# sshd and socat for the remote-engine tests (ssh://, tcp:// with TLS); the tests start their own sshd on a
# loopback port. The system's ssh service is neither started (policy-rc.d, for the install) nor enabled.
install_test_sshd() {
  dpkg -s openssh-server >/dev/null 2>&1 && dpkg -s socat >/dev/null 2>&1 && return 0
  local policy=/usr/sbin/policy-rc.d made_policy=0
  if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' >"$policy"; chmod +x "$policy"; made_policy=1; fi
  apt_install openssh-server openssh-sftp-server socat
  [ $made_policy -eq 1 ] && rm -f "$policy"
  if command -v systemctl >/dev/null 2>&1; then systemctl disable ssh.service ssh.socket >/dev/null 2>&1 || true; fi
}

apt_install docker.io busybox-static git ca-certificates curl haproxy
install_test_sshd
# scripts/package.sh links the NativeAOT executable with Debian's clang (the ILCompiler comes from NuGet),
# SQLite in it from Debian's static library (libsqlite3.a).
apt_install clang-14 libsqlite3-dev
# The status page's browser tests drive Debian's chromium through Playwright (no browser download).
apt_install chromium
start_dockerd
install_compose
install_prometheus
build_demo_images
build_proxy_image
# Postgres 15 and Redis 7 for the database snapshots and their tests (debootstrap + docker import; cached).
scripts/build-db-image.sh
build_tool
log "ready ($(docker version -f '{{.Server.Version}}') engine, $(docker compose version --short 2>/dev/null || docker-compose version --short))"
