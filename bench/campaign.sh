#!/usr/bin/env bash
# Campaign benchmark: a 1,000-recipient campaign against the fake OpenPhone (bench/fake_openphone.py)
# at the real rate limit (OPENPHONE_RATE_LIMIT's default, 9.5/s of OpenPhone's 10), with staff replies
# sent during it. Records the drain rate and the staff replies' latency (accepted → reaching OpenPhone)
# in bench/RESULTS.md with the machine, the date and the load average. Holds /tmp/clubos-bench.lock
# while it measures. Load goes to 127.0.0.1 only.
#   bash bench/campaign.sh [recipients=1000] [staff replies=10]
set -euo pipefail
cd "$(dirname "$0")/.."

RECIPIENTS=${1:-1000}
STAFF=${2:-10}
DB=${CAMPAIGN_BENCH_DB:-clubos_messages_campaign_bench}
PORT=${CAMPAIGN_BENCH_PORT:-8095}
FAKE_PORT=${CAMPAIGN_BENCH_FAKE_PORT:-8096}
OUT=bench/out
mkdir -p "$OUT"
JWT_SECRET=bench-jwt-secret-0123456789abcdefghij

[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
dropdb -h 127.0.0.1 -U postgres --if-exists "$DB"
createdb -h 127.0.0.1 -U postgres "$DB"

PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

python3 bench/fake_openphone.py "$FAKE_PORT" > "$OUT/campaign-fake.log" 2>&1 & PIDS+=($!)
PORT=$PORT DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$DB" CLUBOS_JWT_SECRET=$JWT_SECRET \
  OPENPHONE_API_KEY=bench-key OPENPHONE_BASE_URL="http://127.0.0.1:$FAKE_PORT" \
  OPENPHONE_DEFAULT_NUMBER=+19025550100 OPENPHONE_SEND_LIMIT_PER_MINUTE=1000 OPENPHONE_LINES_REFRESH=off \
  OPENPHONE_CONTACTS_REFRESH=off CAMPAIGN_MAX_RECIPIENTS=100000 LOG_JSON=false \
  java -jar target/quarkus-app/quarkus-run.jar > "$OUT/campaign-service.log" 2>&1 & PIDS+=($!)
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$PORT/q/health/ready" >/dev/null && break
  sleep 1
done
curl -sf "http://127.0.0.1:$PORT/q/health/ready" >/dev/null || { tail -50 "$OUT/campaign-service.log"; exit 1; }

result=$(flock -o /tmp/clubos-bench.lock env BENCH_URL="http://127.0.0.1:$PORT" BENCH_JWT_SECRET=$JWT_SECRET \
  java bench/CampaignBench.java "$RECIPIENTS" "$STAFF" "http://127.0.0.1:$FAKE_PORT")
echo "$result"
{
  echo
  echo "### Campaign: $RECIPIENTS recipients at the real rate limit, $STAFF staff replies during it ($(date -u +%Y-%m-%d), $(nproc) cores, $(uname -m))"
  echo
  echo '```'
  echo "$result"
  echo '```'
} >> bench/RESULTS.md
