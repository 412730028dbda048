#!/usr/bin/env bash
# Builds the local Docker image backtrack-db/postgres-redis:15-7 (Debian bookworm, PostgreSQL 15 and
# redis-server 7 in one image) without any registry: debootstrap --variant=minbase into a temp folder,
# apt-get install inside it, then `docker import`. Run as root on Debian 12 with dockerd running.
# Idempotent: the image carries label org.backtrack.inputs=<sha256 of this file>; when the tagged image
# already has that value, the script exits 0 at once. BT_DB_IMAGE_FORCE=1 rebuilds anyway.
#
# Usage:  sudo scripts/build-db-image.sh
# Run:    docker run -d -p 127.0.0.1:5432:5432 -e POSTGRES_PASSWORD=secret backtrack-db/postgres-redis:15-7 postgres
#           (PGDATA=/var/lib/postgresql/data, superuser postgres; initdb on first start; PATH has pg binaries)
#         docker run -d -p 127.0.0.1:6379:6379 backtrack-db/postgres-redis:15-7 redis [--appendonly yes ...]
#           (data dir /data; extra args go to redis-server)
#         Any other command is exec'd as is (e.g. `... bash`).
set -euo pipefail

IMAGE=backtrack-db/postgres-redis:15-7
LABEL_KEY=org.backtrack.inputs
SUITE=bookworm

log() { printf '[build-db-image] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

self=$(readlink -f "${BASH_SOURCE[0]}")
inputs_hash=$(sha256sum "$self" | cut -c1-32)

command -v docker >/dev/null 2>&1 || die "docker CLI not found; install docker and start dockerd first"
docker info >/dev/null 2>&1 || die "dockerd is not reachable (docker info failed); start dockerd first"

current_label() {
  docker image inspect -f "{{ index .Config.Labels \"$LABEL_KEY\" }}" "$IMAGE" 2>/dev/null || true
}
if [ "${BT_DB_IMAGE_FORCE:-0}" != 1 ] && [ "$(current_label)" = "$inputs_hash" ]; then
  log "$IMAGE is up to date ($LABEL_KEY=$inputs_hash)"
  exit 0
fi

[ "$(id -u)" -eq 0 ] || die "must run as root (debootstrap/chroot need it)"

# One build at a time; a concurrent run that waited finds the fresh image and stops.
exec 9>/var/lock/backtrack-build-db-image.lock
flock 9
if [ "${BT_DB_IMAGE_FORCE:-0}" != 1 ] && [ "$(current_label)" = "$inputs_hash" ]; then
  log "$IMAGE was built by a concurrent run"
  exit 0
fi

start_ts=$(date +%s)

# --- debootstrap on the host ------------------------------------------------------------------
if ! command -v debootstrap >/dev/null 2>&1; then
  log "installing debootstrap"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
  fi
fi

# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
mirror=$(debian_mirror "$SUITE" | head -n1)
[ -n "$mirror" ] || die "no non-security '$SUITE' http(s) mirror found in /etc/apt/sources.list{,.d/*}"
log "mirror: $mirror"

# --- rootfs in a temp folder, always removed ------------------------------------------------
workdir=$(mktemp -d /tmp/bt-db-image.XXXXXX)
rootfs=$workdir/rootfs
cleanup() {
  local m
  # unmount anything debootstrap/we left mounted below the rootfs (deepest first), then delete
  for m in $(awk -v r="$rootfs/" 'index($2, r) == 1 { print $2 }' /proc/mounts | sort -r); do
    umount -l "$m" 2>/dev/null || true
  done
  if awk -v r="$rootfs/" 'index($2, r) == 1 { found = 1 } END { exit !found }' /proc/mounts; then
    log "WARNING: mounts remain under $rootfs; not deleting it"
  else
    rm -rf --one-file-system "$workdir"
  fi
}
trap cleanup EXIT
mkdir -m 755 "$rootfs"
chmod 755 "$workdir" "$rootfs"   # mktemp -d gives 0700, which would become the image's / and lock out non-root users

extra_include=""
case "$mirror" in https://*) extra_include="--include=ca-certificates" ;; esac

log "debootstrap --variant=minbase $SUITE (takes a minute or two)"
# shellcheck disable=SC2086
debootstrap --variant=minbase $extra_include "$SUITE" "$rootfs" "$mirror" >"$workdir/debootstrap.log" 2>&1 || {
  tail -n 30 "$workdir/debootstrap.log" >&2; die "debootstrap failed"; }

# keep docs/man/locales out of the image; never start services inside the chroot
cat >"$rootfs/etc/dpkg/dpkg.cfg.d/01-backtrack-slim" <<'EOF'
path-exclude=/usr/share/doc/*
path-include=/usr/share/doc/*/copyright
path-exclude=/usr/share/man/*
path-exclude=/usr/share/info/*
path-exclude=/usr/share/locale/*
path-exclude=/usr/share/lintian/*
# JIT: libLLVM (105 MB) + libz3 (23 MB) are only used by llvmjit.so; without llvmjit.so PostgreSQL
# silently runs without JIT (also jit=off in postgresql.conf), which suits short test queries anyway
path-exclude=/usr/lib/x86_64-linux-gnu/libLLVM-*
path-exclude=/usr/lib/x86_64-linux-gnu/libz3.so*
path-exclude=/usr/lib/postgresql/*/lib/llvmjit*
path-exclude=/usr/lib/postgresql/*/lib/bitcode/*
EOF
printf '#!/bin/sh\nexit 101\n' >"$rootfs/usr/sbin/policy-rc.d"
chmod 755 "$rootfs/usr/sbin/policy-rc.d"
cat >"$rootfs/etc/apt/apt.conf.d/01-backtrack" <<'EOF'
APT::Install-Recommends "false";
APT::Install-Suggests "false";
Acquire::Languages "none";
EOF

mount -t proc proc "$rootfs/proc"
in_root() { chroot "$rootfs" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 "$@"; }
in_root_logged() {   # chatty apt/dpkg output goes to a log, shown only on failure
  in_root "$@" >>"$workdir/apt.log" 2>&1 || { tail -n 40 "$workdir/apt.log" >&2; die "in rootfs: $* failed"; }
}

log "installing postgresql-15, redis-server into the rootfs"
in_root_logged apt-get update -qq
in_root_logged apt-get install -y -qq postgresql-common
# no default 'main' cluster: the entrypoint runs initdb into $PGDATA itself
sed -i 's/^#\?[[:space:]]*create_main_cluster.*/create_main_cluster = false/' "$rootfs/etc/postgresql-common/createcluster.conf"
in_root_logged apt-get install -y -qq postgresql-15 postgresql-client-15 redis-server redis-tools
in_root_logged apt-get clean
umount "$rootfs/proc"

install -d -o "$(in_root id -u redis)" -g "$(in_root id -g redis)" -m 0750 "$rootfs/data"
install -d -o "$(in_root id -u postgres)" -g "$(in_root id -g postgres)" -m 0700 "$rootfs/var/lib/postgresql/data"
install -d -o "$(in_root id -u postgres)" -g "$(in_root id -g postgres)" -m 2775 "$rootfs/var/run/postgresql"

cat >"$rootfs/usr/local/bin/bt-db-entrypoint" <<'ENTRYPOINT_EOF'
#!/bin/bash
# Entrypoint of backtrack-db/postgres-redis: `postgres` or `redis [redis-server args...]`; else exec "$@".
set -eu

as_user() { local u=$1; shift; setpriv --reuid="$u" --regid="$u" --init-groups "$@"; }

run_postgres() {
  export PGDATA=${PGDATA:-/var/lib/postgresql/data}
  if [ -z "${POSTGRES_PASSWORD:-}" ]; then
    echo "bt-db-entrypoint: POSTGRES_PASSWORD is not set; refusing to start (pass -e POSTGRES_PASSWORD=...)" >&2
    exit 1
  fi
  cd /
  mkdir -p "$PGDATA" /var/run/postgresql
  chown postgres:postgres /var/run/postgresql
  chmod 2775 /var/run/postgresql
  [ "$(stat -c %U "$PGDATA")" = postgres ] || chown postgres:postgres "$PGDATA"
  chmod 700 "$PGDATA"

  if [ ! -s "$PGDATA/PG_VERSION" ]; then
    if [ -n "$(ls -A "$PGDATA")" ]; then
      echo "bt-db-entrypoint: $PGDATA is neither empty nor a PostgreSQL data directory" >&2
      exit 1
    fi
    local pwfile
    pwfile=$(mktemp /tmp/bt-pw.XXXXXX)
    printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"   # builtin printf: the value never shows up in ps
    chown postgres "$pwfile"
    chmod 600 "$pwfile"
    as_user postgres initdb -D "$PGDATA" -U postgres --pwfile="$pwfile" \
      --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$pwfile"
    {
      echo "listen_addresses = '*'"
      echo "password_encryption = 'scram-sha-256'"
      echo "jit = off"
    } >>"$PGDATA/postgresql.conf"
    {
      echo "host all all 0.0.0.0/0 scram-sha-256"
      echo "host all all ::/0 scram-sha-256"
    } >>"$PGDATA/pg_hba.conf"
    echo "bt-db-entrypoint: initialized $PGDATA"
  fi
  unset POSTGRES_PASSWORD

  stop_postgres() {
    trap - TERM INT
    as_user postgres pg_ctl -D "$PGDATA" stop -m fast -w >/dev/null 2>&1 || true
    exit 0
  }
  trap stop_postgres TERM INT

  # server output goes to the container's stdout/stderr (docker logs)
  as_user postgres pg_ctl -D "$PGDATA" -w -t 60 start
  local pm_pid
  pm_pid=$(head -n1 "$PGDATA/postmaster.pid")
  # PID 1 shell: wait is interruptible, so the TERM trap runs at once; leave if the postmaster dies
  while kill -0 "$pm_pid" 2>/dev/null; do
    sleep 1 &
    wait $! || true
  done
  echo "bt-db-entrypoint: postmaster $pm_pid exited unexpectedly" >&2
  exit 1
}

run_redis() {
  mkdir -p /data
  [ "$(stat -c %U /data)" = redis ] || chown redis:redis /data
  cd /data
  exec setpriv --reuid=redis --regid=redis --init-groups \
    redis-server --bind 0.0.0.0 --protected-mode no --dir /data "$@"
}

mode=${1:-postgres}
[ $# -gt 0 ] && shift
case "$mode" in
  postgres) run_postgres ;;
  redis) run_redis "$@" ;;
  *) exec "$mode" "$@" ;;
esac
ENTRYPOINT_EOF
chmod 755 "$rootfs/usr/local/bin/bt-db-entrypoint"

# --- slim down ----------------------------------------------------------------------------------
rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/cache/debconf/*-old \
  "$rootfs"/var/lib/dpkg/*-old "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* \
  "$rootfs"/usr/share/info/* "$rootfs"/usr/share/postgresql/15/man "$rootfs"/tmp/* "$rootfs"/var/tmp/*
find "$rootfs/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} +
mkdir -p "$rootfs/var/lib/apt/lists/partial"
find "$rootfs/var/log" -type f -exec truncate -s 0 {} +
: >"$rootfs/etc/resolv.conf"
: >"$rootfs/etc/hostname"
chmod 755 "$rootfs"

# --- import -------------------------------------------------------------------------------------
old_id=$(docker image inspect -f '{{.Id}}' "$IMAGE" 2>/dev/null || true)
log "docker import -> $IMAGE"
tar -C "$rootfs" --numeric-owner --exclude=./proc/* --exclude=./sys/* -cf - . |
  docker import \
    --change "ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    --change "ENV PGDATA=/var/lib/postgresql/data" \
    --change "ENV PGUSER=postgres" \
    --change "ENV LANG=C.UTF-8" \
    --change "EXPOSE 5432 6379" \
    --change 'ENTRYPOINT ["/usr/local/bin/bt-db-entrypoint"]' \
    --change 'CMD ["postgres"]' \
    --change "LABEL $LABEL_KEY=$inputs_hash" \
    --message "backtrack-db: debootstrap $SUITE + postgresql-15 + redis-server" \
    - "$IMAGE" >/dev/null

[ "$(current_label)" = "$inputs_hash" ] || die "imported image lacks label $LABEL_KEY=$inputs_hash"
new_id=$(docker image inspect -f '{{.Id}}' "$IMAGE")
if [ -n "$old_id" ] && [ "$old_id" != "$new_id" ]; then
  docker rmi "$old_id" >/dev/null 2>&1 || true   # previous build of this tag; kept if still in use
fi
log "built $IMAGE ($(docker image inspect -f '{{.Size}}' "$IMAGE" | awk '{ printf "%.0f MB", $1 / 1e6 }')) in $(($(date +%s) - start_ts)) s"
