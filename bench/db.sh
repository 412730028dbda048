#!/usr/bin/env bash
# Benchmark (not a test): Backtrack's Postgres snapshot and `rollback db` against the raw tools, on a
# generated database of SIZE_MB (default 1024 MB, measured with pg_database_size). One compose project
# `btbench-db-<random>` with a single service `db` (backtrack-db/postgres-redis:15-7, 127.0.0.1 only),
# optionally a writer `web` (WRITER=1). Each of N rounds (default 3) measures, in ms:
#   1  raw snapshot:  docker exec C pg_dump -Fc bench > file  (the runbook's command, pg_dump's default
#                     compression)
#   1' the same with backtrack's compression level (-Z1), for a like-for-like ratio
#   2  backtrack snapshot create --only postgres
#   3  raw restore:   docker exec -i C pg_restore --exit-on-error -d bench_raw < file(1)   (into a fresh
#                     empty database: dropdb/createdb before, not timed)
#   4  backtrack rollback db --from <the snapshot of 2> --only postgres --yes
#      (verify + safety snapshot + restore into a new database + row counts + rename swap)
#   5  that rollback's pg_restore step alone (from `backtrack history -o json`): the dump put into the
#      container, pg_restore --jobs
# and prints a markdown table of medians, ranges and ratios to stdout; progress goes to stderr.
# 4/(1+3) is the like-for-like ratio of rollback db: it takes a full safety dump and then restores,
# which by hand is 1 + 3; 5/3 compares the restores themselves.
#
#   SIZE_MB=1024 N=3 WRITER=0 bench/db.sh
#
# Everything it creates carries the label org.backtrack.bench=true (and org.backtrack.bench.run=<project>)
# and is removed on exit, also on failure: compose down -v, the run's containers, the temp folder.
set -euo pipefail
BENCH_LOG=bench-db
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"

SIZE_MB=${SIZE_MB:-1024}
N=${N:-3}
WRITER=${WRITER:-0}
IMAGE=backtrack-db/postgres-redis:15-7
DB=bench
# What backtrack passes to pg_dump by default (postgres.compression, src/Backtrack/Configuration).
BT_DUMP_FLAGS=(-Fc -Z 1)
require_number N "$N" 1
require_number SIZE_MB "$SIZE_MB" 16

"$repo/scripts/setup.sh" >&2

project="btbench-db-$(random_hex 4)"
work=$(mktemp -d "/tmp/$project.XXXXXX")
password="pw-$(random_hex 12)"
export BENCH_PG_PASSWORD=$password PG_PASSWORD=$password

bench_cleanup_more() { docker volume rm "${project}_pgdata" >/dev/null 2>&1; }
bench_traps
port=$(free_port)

writer_service=
writer_config=
writer_health=
if [ "$WRITER" = 1 ]; then
  writer_service=$(cat <<EOF
  web:
    image: backtrack-demo/web:v1
    depends_on: [db]
    labels:
      org.backtrack.bench: "true"
      org.backtrack.bench.run: "$project"
EOF
)
  writer_config="    writers: [web]"
  writer_health="      web: { health: none }"
fi
cat >"$work/compose.yaml" <<EOF
services:
  db:
    image: $IMAGE
    command: ["postgres"]
    shm_size: 256m
    environment:
      POSTGRES_PASSWORD: \${PG_PASSWORD}
    ports: ["127.0.0.1:$port:5432"]
    volumes: [pgdata:/var/lib/postgresql/data]
    labels:
      org.backtrack.bench: "true"
      org.backtrack.bench.run: "$project"
$writer_service
volumes:
  pgdata:
    labels:
      org.backtrack.bench: "true"
      org.backtrack.bench.run: "$project"
EOF
cat >"$work/backtrack.yml" <<EOF
environments:
  bench:
    project: $project
    stateDir: state
    healthTimeout: 30s
    stopTimeout: 10s
    services:
      db: { health: none }
$writer_health
    postgres:
      service: db
      user: postgres
      databases: [$DB]
      passwordEnv: BENCH_PG_PASSWORD
$writer_config
EOF

log "project $project, port $port, SIZE_MB=$SIZE_MB, N=$N, writer=$WRITER, engine $(engine_version), $(nproc) CPUs"
(cd "$work" && compose up -d >"$work/up.log" 2>&1) || { cat "$work/up.log" >&2; die "compose up failed"; }
C=$(docker ps -q --filter "label=com.docker.compose.project=$project" --filter "label=com.docker.compose.service=db")
[ -n "$C" ] || die "no running db container"
ready=0
for _ in $(seq 1 300); do
  if docker exec "$C" pg_isready -q -h 127.0.0.1 >/dev/null 2>&1; then ready=1; break; fi
  sleep 0.2
done
[ "$ready" = 1 ] || die "postgres did not become ready within 60 s"

psql_in() { docker exec -i "$C" psql -X -q -v ON_ERROR_STOP=1 "$@"; }
scalar() { docker exec "$C" psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }

# Fewer forced checkpoints while gigabytes are written (same for every measurement below).
psql_in -d postgres -c "ALTER SYSTEM SET max_wal_size = '4GB'" -c "SELECT pg_reload_conf()" >/dev/null
psql_in -d postgres -c "CREATE DATABASE $DB" >/dev/null

# --- generation ------------------------------------------------------------------------------------
# Three tables: accounts (small), orders and events (the bulk, about 45 % each, generated in parallel in
# two sessions), with primary keys and secondary indexes built after the load; then VACUUM (FREEZE,
# ANALYZE) so no measurement pays for hint bits. Row counts from bytes per row measured on this image
# (heap + indexes); a bounded top-up adds rows when the result falls short of SIZE_MB.
ORDER_BYTES=140  # per orders row, heap + 3 indexes
EVENT_BYTES=178  # per events row, heap + 2 indexes
target=$((SIZE_MB * 1024 * 1024))
accounts=$((SIZE_MB * 100 + 1000))
orders=$((target * 45 / 100 / ORDER_BYTES))
events=$((target * 50 / 100 / EVENT_BYTES))

gen_orders() { # FROM TO
  cat <<SQL
SET synchronous_commit = off;
INSERT INTO orders (id, account_id, status, amount, created_at, note)
SELECT i, 1 + (i * 7919) % $accounts, (ARRAY['new','paid','shipped','delivered','cancelled'])[1 + i % 5],
       round((random() * 1000)::numeric, 2), timestamptz '2020-01-01' + (i % 157680000) * interval '1 second',
       CASE WHEN i % 3 = 0 THEN 'gift wrap, deliver after 5pm' ELSE substr(md5(i::text), 1, (12 + i % 20)::int) END
FROM generate_series($1::bigint, $2::bigint) AS i;
SQL
}
gen_events() { # FROM TO
  cat <<SQL
SET synchronous_commit = off;
INSERT INTO events (id, order_id, kind, at, payload)
SELECT i, 1 + (i * 104729) % $orders, 1 + i % 12, timestamptz '2020-01-01' + (i % 157680000) * interval '1 second',
       '{"src":"web","ip":"10.' || (i % 250) || '.' || (i % 199) || '.7","ref":"' || md5((i * 31)::text) || '"}'
FROM generate_series($1::bigint, $2::bigint) AS i;
SQL
}

log "generating about $SIZE_MB MB: $accounts accounts, $orders orders, $events events"
gen_start=$(now)
psql_in -d "$DB" >/dev/null <<SQL
CREATE TABLE accounts (id int PRIMARY KEY, email text NOT NULL UNIQUE, created_at timestamptz NOT NULL);
CREATE TABLE orders (id bigint NOT NULL, account_id int NOT NULL, status text NOT NULL, amount numeric(12,2) NOT NULL,
                     created_at timestamptz NOT NULL, note text);
CREATE TABLE events (id bigint NOT NULL, order_id bigint NOT NULL, kind smallint NOT NULL, at timestamptz NOT NULL, payload text NOT NULL);
INSERT INTO accounts SELECT i, 'user' || i || '@example.test', timestamptz '2019-01-01' + i * interval '1 minute' FROM generate_series(1, $accounts) AS i;
SQL
gen_orders 1 "$orders" | psql_in -d "$DB" >/dev/null &
p1=$!
gen_events 1 "$events" | psql_in -d "$DB" >/dev/null &
p2=$!
wait "$p1" || die "generating orders failed"
wait "$p2" || die "generating events failed"
load_ms=$(ms_since "$gen_start")
log "loaded in $((load_ms / 1000)) s; building indexes"
psql_in -d "$DB" >/dev/null <<SQL &
SET maintenance_work_mem = '512MB';
ALTER TABLE orders ADD PRIMARY KEY (id);
CREATE INDEX orders_account ON orders (account_id);
CREATE INDEX orders_created ON orders (created_at);
SQL
p1=$!
psql_in -d "$DB" >/dev/null <<SQL &
SET maintenance_work_mem = '512MB';
ALTER TABLE events ADD PRIMARY KEY (id);
CREATE INDEX events_order ON events (order_id);
SQL
p2=$!
wait "$p1" || die "indexing orders failed"
wait "$p2" || die "indexing events failed"
size=$(scalar "$DB" "SELECT pg_database_size(current_database())")
# Top-up, bounded: more orders rows while the database is smaller than asked.
for _ in 1 2 3; do
  [ "$size" -lt "$target" ] || break
  more=$(((target - size) * 11 / 10 / ORDER_BYTES + 1000))
  log "$((size / 1048576)) MB < $SIZE_MB MB: adding $more orders"
  gen_orders $((orders + 1)) $((orders + more)) | psql_in -d "$DB" >/dev/null
  orders=$((orders + more))
  size=$(scalar "$DB" "SELECT pg_database_size(current_database())")
done
psql_in -d "$DB" -c "VACUUM (FREEZE, ANALYZE)" >/dev/null
psql_in -d postgres -c "CHECKPOINT" >/dev/null
gen_ms=$(ms_since "$gen_start")
size=$(scalar "$DB" "SELECT pg_database_size(current_database())")
size_mb=$((size / 1048576))
rows=$(scalar "$DB" "SELECT (SELECT count(*) FROM accounts) + (SELECT count(*) FROM orders) + (SELECT count(*) FROM events)")
log "generated $size_mb MB ($rows rows) in $((gen_ms / 1000)) s (load $((load_ms / 1000)) s, then indexes, VACUUM FREEZE, CHECKPOINT)"
[ "$size" -ge "$target" ] || log "warning: database is $size_mb MB, less than SIZE_MB=$SIZE_MB"

# Development aid: BENCH_HOLD=FILE keeps the generated stack (up to 40 min) while FILE exists.
if [ -n "${BENCH_HOLD:-}" ]; then
  printf 'C=%s\nwork=%s\nBENCH_PG_PASSWORD=%s\n' "$C" "$work" "$password" >"$BENCH_HOLD"
  log "holding: stack kept while $BENCH_HOLD exists"
  for _ in $(seq 1 2400); do [ -f "$BENCH_HOLD" ] || break; sleep 1; done
fi

# --- measurements ------------------------------------------------------------------------------------
BT_TIMEOUT=1800
drop_aside() { # databases rollback db kept aside, and every snapshot: untimed housekeeping between rounds
  local name
  for name in $(scalar postgres "SELECT datname FROM pg_database WHERE datname LIKE '${DB}\_\_bt\_%'"); do
    psql_in -d postgres -c "DROP DATABASE \"$name\" WITH (FORCE)" >/dev/null
  done
  rm -rf "${work:?}/state/snapshots" "$work/raw.dump"
}

R1=() R1B=() R2=() R3=() R4=() R5=()
dump_bytes=0 bt_dump_bytes=0
for round in $(seq 1 "$N"); do
  # (1) raw pg_dump into a file on the host; (1') the same at backtrack's compression level.
  t0=$(now)
  docker exec "$C" pg_dump -Fc "$DB" >"$work/raw.dump"
  r1=$(ms_since "$t0")
  dump_bytes=$(stat -c %s "$work/raw.dump")
  t0=$(now)
  docker exec "$C" pg_dump "${BT_DUMP_FLAGS[@]}" "$DB" >"$work/raw-bt.dump"
  r1b=$(ms_since "$t0")
  bt_dump_bytes=$(stat -c %s "$work/raw-bt.dump")
  rm -f "$work/raw-bt.dump"

  # (2) backtrack snapshot create.
  t0=$(now)
  bt snapshot create --only postgres -o json >"$work/snapshot.json" 2>"$work/snapshot.err" ||
    { cat "$work/snapshot.err" >&2; die "backtrack snapshot create failed"; }
  r2=$(ms_since "$t0")
  id=$(grep -m 1 -o '"id": *"[^"]*"' "$work/snapshot.json" | sed 's/.*"\([^"]*\)"$/\1/')
  [ -n "$id" ] || die "no snapshot id in the output of snapshot create"

  # (3) raw pg_restore into a fresh empty database.
  psql_in -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS ${DB}_raw WITH (FORCE)" -c "CREATE DATABASE ${DB}_raw TEMPLATE template0" >/dev/null
  t0=$(now)
  docker exec -i "$C" pg_restore --exit-on-error -d "${DB}_raw" <"$work/raw.dump"
  r3=$(ms_since "$t0")
  psql_in -d postgres -c "DROP DATABASE ${DB}_raw WITH (FORCE)" >/dev/null

  # (4) backtrack rollback db from the snapshot of (2).
  t0=$(now)
  bt rollback db --from "$id" --only postgres --yes >"$work/rollback.log" 2>&1 ||
    { cat "$work/rollback.log" >&2; die "backtrack rollback db failed"; }
  r4=$(ms_since "$t0")
  [ -z "${BENCH_LOG_DIR:-}" ] || cp "$work/rollback.log" "$BENCH_LOG_DIR/rollback-$round.log"
  r5=$(journal_ms 's["kind"] == "postgres.restore"')

  drop_aside
  R1+=("$r1") R1B+=("$r1b") R2+=("$r2") R3+=("$r3") R4+=("$r4") R5+=("$r5")
  log "round $round/$N: raw dump ${r1} ms (at -Z1 ${r1b} ms), snapshot create ${r2} ms, raw restore ${r3} ms, rollback db ${r4} ms (its pg_restore step ${r5} ms)"
done

m1=$(median "${R1[@]}") m1b=$(median "${R1B[@]}") m2=$(median "${R2[@]}") m3=$(median "${R3[@]}") m4=$(median "${R4[@]}") m5=$(median "${R5[@]}")
m13=$(awk -v a="$m1" -v b="$m3" 'BEGIN {print a + b}')
verdict() { awk -v r="$1" 'BEGIN {print (r <= 1.2) ? "met" : "missed"}'; }

cat <<EOF

Database benchmark: Postgres 15 ($IMAGE), database of $size_mb MB (pg_database_size; $rows rows in 3 tables,
5 indexes; generated in $((gen_ms / 1000)) s), dump $((dump_bytes / 1048576)) MB at pg_dump's default compression,
$((bt_dump_bytes / 1048576)) MB at backtrack's (-Z1), median and range of $N runs, engine $(engine_version), $(nproc) CPUs,
max_wal_size 4GB, writer: $([ "$WRITER" = 1 ] && echo "web" || echo none).

| Measurement | Median (ms) | Range (ms) |
|---|---:|---:|
| (1) raw: \`docker exec C pg_dump -Fc $DB > file\` | $m1 | $(range "${R1[@]}") |
| (1') raw at backtrack's level: \`docker exec C pg_dump ${BT_DUMP_FLAGS[*]} $DB > file\` | $m1b | $(range "${R1B[@]}") |
| (2) \`backtrack snapshot create --only postgres\` | $m2 | $(range "${R2[@]}") |
| (3) raw: \`docker exec -i C pg_restore --exit-on-error -d ${DB}_raw < file\` (fresh empty database) | $m3 | $(range "${R3[@]}") |
| (4) \`backtrack rollback db --from ID --only postgres --yes\` (includes a safety snapshot) | $m4 | $(range "${R4[@]}") |
| (5) its pg_restore step (dump put into the container, \`pg_restore --jobs\`) | $m5 | $(range "${R5[@]}") |
| 2 / 1 (snapshot vs. the raw dump) | $(ratio "$m2" "$m1") | |
| 2 / 1' (snapshot vs. the raw dump at the same compression) | $(ratio "$m2" "$m1b") | |
| 4 / (1 + 3) (rollback db vs. raw safety dump + restore, like for like) | $(ratio "$m4" "$m13") | |
| 5 / 3 (the restore itself vs. raw pg_restore) | $(ratio "$m5" "$m3") | |
| 4 / 3 (rollback db, safety snapshot included, vs. a bare restore) | $(ratio "$m4" "$m3") | |

Target ≤ 1.2 × the raw tools: snapshot **$(verdict "$(ratio "$m2" "$m1")")** ($(ratio "$m2" "$m1"); $(ratio "$m2" "$m1b") at equal compression), restore **$(verdict "$(ratio "$m5" "$m3")")** ($(ratio "$m5" "$m3")), rollback db **$(verdict "$(ratio "$m4" "$m13")")** ($(ratio "$m4" "$m13") like for like).
EOF
