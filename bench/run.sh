#!/usr/bin/env bash
# Benchmarks of the packaged service on this machine: webhook ingestion (and the plan's JSONB
# design as baseline), send acceptance, outbox drain against the rate-limited simulator, and
# WebSocket push latency. Load goes to 127.0.0.1 only. Results are appended to bench/RESULTS.md.
#   bash bench/run.sh            (builds the jar if missing; about 6 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."

DB=clubos_messages_bench
PORT=8090
OUT=bench/out
mkdir -p "$OUT"
JWT_SECRET=bench-jwt-secret-0123456789abcdefghij
WEBHOOK_SECRET=YmVuY2gtd2ViaG9vay1zZWNyZXQ=

[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
PG_JAR=$(find ~/.m2/repository/org/postgresql/postgresql -name 'postgresql-*.jar' ! -name '*sources*' | sort -V | tail -1)

dropdb -h 127.0.0.1 -U postgres --if-exists "$DB"
createdb -h 127.0.0.1 -U postgres "$DB"

SERVICE_PID=""
start_service() { # $1: outbox on/off
  PORT=$PORT DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$DB" CLUBOS_JWT_SECRET=$JWT_SECRET \
  OPENPHONE_WEBHOOK_SECRETS=$WEBHOOK_SECRET OPENPHONE_DEFAULT_NUMBER=+19025550100 OPENPHONE_SIMULATOR=true \
  OPENPHONE_SIMULATOR_DELIVERY_DELAY=PT0.5S OPENPHONE_SEND_LIMIT_PER_MINUTE=1000000 OPENPHONE_OUTBOX_ENABLED="$1" \
  DATABASE_POOL_MAX=40 \
    java -jar target/quarkus-app/quarkus-run.jar > "$OUT/service.log" 2>&1 &
  SERVICE_PID=$!
  for _ in $(seq 1 60); do
    curl -sf "http://127.0.0.1:$PORT/q/health/ready" >/dev/null && return 0
    sleep 1
  done
  echo "service did not become ready" >&2; tail -50 "$OUT/service.log" >&2; exit 1
}
stop_service() { kill "$SERVICE_PID" 2>/dev/null || true; wait "$SERVICE_PID" 2>/dev/null || true; }
trap stop_service EXIT
load() { BENCH_URL="http://127.0.0.1:$PORT" BENCH_JWT_SECRET=$JWT_SECRET BENCH_WEBHOOK_SECRET=$WEBHOOK_SECRET \
  java -cp "$PG_JAR" bench/Bench.java "$@"; }
bench() { load "$@" | tee -a "$OUT/results.txt"; }
rss_kb() { ps -o rss= -p "$SERVICE_PID" | tr -d ' '; }
psql_bench() { psql -h 127.0.0.1 -U postgres -d "$DB" -tAc "$1"; }

: > "$OUT/results.txt"
start_service false
load webhooks 2000 32 > /dev/null             # warm-up, not reported
bench webhooks 20000 32
bench webhooks 20000 64
bench jsonb
load sends 500 50 > /dev/null                  # warm-up, not reported
bench sends 5000 50
idle_rss=$(rss_kb)
BENCH_HOLD_SECONDS=3 bench websocket 1 50 &
wait $!
BENCH_HOLD_SECONDS=8 bench websocket 1000 20 &
BENCH=$!
sleep 25; held_rss=$(rss_kb) || true
wait $BENCH
echo "websocket rss_idle_kb=$idle_rss rss_with_1000_sockets_kb=${held_rss:-?}" | tee -a "$OUT/results.txt"

# Outbox drain: 1,000 queued sends, then a replica with the outbox on, against the simulator's 10/s limiter.
psql_bench "TRUNCATE messages, message_status, openphone_conversations, webhook_events, change_events, audit_log CASCADE" >/dev/null
load sends 1000 50 > /dev/null
stop_service
start_service true
bench drain 1000
curl -s "http://127.0.0.1:$PORT/q/metrics" | grep -E '^clubos_openphone_errors_total' | tee -a "$OUT/results.txt" || echo "no OpenPhone errors (zero 429s)" | tee -a "$OUT/results.txt"
stop_service
trap - EXIT

{
  echo
  echo "## Run of $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/{print $2}') GiB RAM;"
  echo "PostgreSQL $(psql -h 127.0.0.1 -U postgres -tAc 'show server_version'), $(java -version 2>&1 | head -1); service and load generator share the machine."
  echo
  echo '```'
  cat "$OUT/results.txt"
  echo '```'
} >> bench/RESULTS.md
echo "Results appended to bench/RESULTS.md"
