#!/usr/bin/env bash
# Fault harness: two instances of the packaged service on different ports, one PostgreSQL database.
# Scenario 1: a webhook storm with 30 % duplicates in shuffled order split across both. Scenario 3:
# the same while PostgreSQL restarts (pg_ctlcluster restart), OpenPhone-style retries until 2xx.
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
storm() { BENCH_JDBC="jdbc:postgresql://127.0.0.1:5432/$DB" BENCH_WEBHOOK_SECRET=$WEBHOOK_SECRET \
  java -cp "$PG_JAR" bench/Bench.java storm "$1" http://127.0.0.1:8101,http://127.0.0.1:8102; }
row() { # scenario, storm result line
  printf '| %s | %s | %s | %s | %s s | %s |\n' "$1" \
    "$(sed -E 's/.*deliveries=([0-9]+).*/\1/' <<<"$2")" "$(sed -E 's/.*lost=([0-9]+).*/\1/' <<<"$2")" \
    "$(sed -E 's/.*duplicated=([0-9]+).*/\1/' <<<"$2")" "$(sed -E 's/.*max_recovery_s=([0-9.]+).*/\1/' <<<"$2")" \
    "$(sed -E 's/.*(unique=[0-9]+).*(retries=[0-9]+).*(stored=[0-9]+).*(unread_delta=[0-9]+).*(seconds=[0-9.]+).*/\1, \3, \4, \2, \5/' <<<"$2")"
}

# 1. Webhook storm with 30 % duplicates, shuffled, split across both instances.
first=$(storm 5000); echo "$first"
# 3. The same while PostgreSQL restarts: webhooks get 503 meanwhile and succeed on retry.
storm 3000 > bench/out/storm-restart.txt &
STORM=$!
sleep 8
pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main restart
wait $STORM
second=$(cat bench/out/storm-restart.txt); echo "$second"
ready_after=yes
for port in 8101 8102; do curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null || ready_after=no; done

{
  printf '\n## Fault harness, %s\n\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
  printf '| scenario | deliveries | lost | duplicated | longest time to a 2xx | notes |\n|---|---|---|---|---|---|\n'
  row "1. webhook storm, 30 % duplicates, shuffled, 2 instances" "$first"
  row "3. same, PostgreSQL restarted mid-storm (both instances ready again: $ready_after, no restart)" "$second"
} | tee -a bench/RESULTS.md
cleanup
trap - EXIT
dropdb -h 127.0.0.1 -U postgres "$DB"
