#!/usr/bin/env bash
# Fault harness (first scenario so far): two instances of the packaged service on different ports,
# one PostgreSQL database, a webhook storm with 30 % duplicates in shuffled order split across both.
# Load goes to 127.0.0.1 only. Appends its line to bench/RESULTS.md.   bash bench/faults.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DB=clubos_messages_faults
JWT_SECRET=bench-jwt-secret-0123456789abcdefghij
WEBHOOK_SECRET=YmVuY2gtd2ViaG9vay1zZWNyZXQ=
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
PG_JAR=$(find ~/.m2/repository/org/postgresql/postgresql -name 'postgresql-*.jar' ! -name '*sources*' | sort -V | tail -1)
mkdir -p bench/out
dropdb -h 127.0.0.1 -U postgres --if-exists "$DB"; createdb -h 127.0.0.1 -U postgres "$DB"

PIDS=()
start() { # port
  PORT=$1 DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$DB" CLUBOS_JWT_SECRET=$JWT_SECRET \
  OPENPHONE_WEBHOOK_SECRETS=$WEBHOOK_SECRET OPENPHONE_DEFAULT_NUMBER=+19025550100 OPENPHONE_OUTBOX_ENABLED=false \
  LOG_JSON=false DATABASE_POOL_MAX=20 java -jar target/quarkus-app/quarkus-run.jar > "bench/out/instance-$1.log" 2>&1 &
  PIDS+=($!)
}
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
start 8101
sleep 3   # the first instance migrates; the second then finds the schema up to date
start 8102
for port in 8101 8102; do
  until curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null; do sleep 0.5; done
done
result=$(BENCH_JDBC="jdbc:postgresql://127.0.0.1:5432/$DB" BENCH_WEBHOOK_SECRET=$WEBHOOK_SECRET \
  java -cp "$PG_JAR" bench/Bench.java storm 5000 http://127.0.0.1:8101,http://127.0.0.1:8102)
echo "$result"
printf '\n## Fault harness, %s\n\n| scenario | events | lost | duplicated | notes |\n|---|---|---|---|---|\n| 1. webhook storm, 30%% duplicates, shuffled, 2 instances | %s | %s | %s | %s |\n' \
  "$(date -u '+%Y-%m-%d %H:%M UTC')" \
  "$(sed -E 's/.*deliveries=([0-9]+).*/\1/' <<<"$result")" \
  "$(sed -E 's/.*lost=([0-9]+).*/\1/' <<<"$result")" \
  "$(sed -E 's/.*duplicated=([0-9]+).*/\1/' <<<"$result")" \
  "$(sed -E 's/.*(unique=[0-9]+).*(stored=[0-9]+).*(unread_delta=[0-9]+).*(seconds=[0-9.]+).*/\1, \2, \3, \4/' <<<"$result")" >> bench/RESULTS.md
cleanup
trap - EXIT
dropdb -h 127.0.0.1 -U postgres "$DB"
