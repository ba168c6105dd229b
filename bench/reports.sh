#!/usr/bin/env bash
# Reports benchmark (issue 18): a year of texts (2,000,000 messages, 100,000 conversations, three clubs,
# bench/reports-data.sql) behind the packaged service; each report endpoint is asked N times for the last
# 30 days of the data (and a few other shapes), timed from curl. Also: the first report after the load
# (it builds the waiting-period rollup for every conversation), a report after 500 new texts (the rollup
# catches up), and the database floor in the same run: PostgreSQL counting the range's messages from the
# index the reports read. Appends a table to bench/RESULTS.md.
#
#   bash bench/reports.sh                         100,000 conversations (about 2,000,000 messages)
#   REPORTS_BENCH_CONVERSATIONS=10000 bash bench/reports.sh
#
# Settings (env): REPORTS_BENCH_DB, REPORTS_BENCH_PORT, REPORTS_BENCH_CONVERSATIONS, REPORTS_BENCH_RUNS.
# The database is dropped and recreated, unless REPORTS_BENCH_REUSE=1 and it holds the data of an earlier run
# (then the texts that run added are removed first, and the first report finds the rollup built).
set -euo pipefail
cd "$(dirname "$0")/.."

DB=${REPORTS_BENCH_DB:-clubos_messages_reports_bench}
PORT=${REPORTS_BENCH_PORT:-8096}
CONVERSATIONS=${REPORTS_BENCH_CONVERSATIONS:-100000}
RUNS=${REPORTS_BENCH_RUNS:-20}
JWT_SECRET=bench-jwt-secret-0123456789abcdefghij
OUT=bench/out
BASE="http://127.0.0.1:$PORT"
RANGE="from=2025-12-02&to=2025-12-31&tz=America/Halifax"
mkdir -p "$OUT"
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests

sql() { psql -h 127.0.0.1 -U postgres -d "$DB" -v ON_ERROR_STOP=1 -qtAc "$1"; }

TOKEN=$(JWT_SECRET=$JWT_SECRET python3 - <<'PY'
import base64, hashlib, hmac, json, os, time
b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
head = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
body = b64(json.dumps({"iss": "clubosv1", "aud": "clubosv1-users", "userId": "bench-admin", "name": "Bench admin",
                       "role": "admin", "iat": int(time.time()), "exp": int(time.time()) + 7200}).encode())
sig = b64(hmac.new(os.environ["JWT_SECRET"].encode(), f"{head}.{body}".encode(), hashlib.sha256).digest())
print(f"{head}.{body}.{sig}")
PY
)

SERVICE_PID=""
stop_service() { [ -n "$SERVICE_PID" ] && { kill "$SERVICE_PID" 2>/dev/null || true; wait "$SERVICE_PID" 2>/dev/null || true; }; SERVICE_PID=""; }
trap stop_service EXIT

REUSE=0
if [ "${REPORTS_BENCH_REUSE:-0}" = 1 ] && [ "$(sql "SELECT count(*) > 0 FROM messages" 2>/dev/null)" = t ]; then
  REUSE=1
else
  dropdb -h 127.0.0.1 -U postgres --if-exists --force "$DB"; createdb -h 127.0.0.1 -U postgres "$DB"
fi
PORT=$PORT DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$DB" CLUBOS_JWT_SECRET=$JWT_SECRET \
OPENPHONE_DEFAULT_NUMBER=+19025550100 OPENPHONE_NUMBERS=+19025550200,+19025550300 \
LOCATION_NAMES=+19025550100=Halifax,+19025550200=Dartmouth,+19025550300=Bedford \
OPENPHONE_OUTBOX_ENABLED=false OPENPHONE_CONTACTS_REFRESH=off OPENPHONE_LINES_REFRESH=off LOG_JSON=false \
REPORTS_TIME_ZONE=America/Halifax REPORTS_REFRESH_EVERY=off \
BUSINESS_HOURS='Mon-Fri 09:00-22:00; Sat-Sun 08:00-23:00' \
  java -jar target/quarkus-app/quarkus-run.jar > "$OUT/reports-service.log" 2>&1 &
SERVICE_PID=$!
for _ in $(seq 1 90); do curl -sf "$BASE/q/health/ready" >/dev/null && break; sleep 1; done
curl -sf "$BASE/q/health/ready" >/dev/null || { echo "service did not become ready" >&2; tail -50 "$OUT/reports-service.log" >&2; exit 1; }

started=$(date +%s.%N)
if [ "$REUSE" = 1 ]; then
  sql "UPDATE openphone_conversations c SET message_count = message_count - n.k, updated_at = now()
       FROM (SELECT conversation_id, count(*) AS k FROM messages WHERE body LIKE 'New text %' GROUP BY 1) n
       WHERE c.id = n.conversation_id;
       DELETE FROM messages WHERE body LIKE 'New text %'"
  CONVERSATIONS=$(sql "SELECT count(*) FROM openphone_conversations")
else
  psql -h 127.0.0.1 -U postgres -d "$DB" -v ON_ERROR_STOP=1 -v conversations="$CONVERSATIONS" -q \
    -f bench/reports-data.sql >/dev/null
fi
sql "VACUUM ANALYZE"
LOAD_SECONDS=$(echo "$(date +%s.%N) - $started" | bc)
MESSAGES=$(sql "SELECT count(*) FROM messages")

get() { curl -sf -o /dev/null -w '%{time_total}\n' "$BASE$1" -H "Authorization: Bearer $TOKEN"; }
ms() { python3 -c 'import sys; print("%.0f" % (float(sys.argv[1]) * 1000))' "$1"; }
stats() { # label path → median, p95 and max of RUNS calls (after one warm-up call)
  get "$2" >/dev/null
  local times=()
  for _ in $(seq 1 "$RUNS"); do times+=("$(get "$2")"); done
  printf '%s\n' "${times[@]}" | python3 -c '
import statistics, sys
t = sorted(float(x) * 1000 for x in sys.stdin)
p95 = t[min(len(t) - 1, int(round(0.95 * (len(t) - 1))))]
print("| %s | %.0f | %.0f | %.0f |" % (sys.argv[1], statistics.median(t), p95, t[-1]))' "$1" \
    | tee -a "$OUT/reports-progress.txt"
}
: > "$OUT/reports-progress.txt"

FIRST=$(ms "$(get "/api/reports/summary?$RANGE")")
# The first report filled report_periods after the VACUUM ANALYZE above; autovacuum would analyze it soon
# after in a real deployment, so the measured reports plan with its statistics (stale, a month of periods
# was estimated at 471 rows instead of 53,000, and the plan sorted them twice).
sql "ANALYZE report_periods"
LINES=()
LINES+=("$(stats 'summary, 30 days' "/api/reports/summary?$RANGE")")
LINES+=("$(stats 'summary, 30 days, business hours' "/api/reports/summary?$RANGE&businessHours=true")")
LINES+=("$(stats 'summary, 30 days, one location' "/api/reports/summary?$RANGE&line=Dartmouth")")
LINES+=("$(stats 'timeseries inbound by day' "/api/reports/timeseries?metric=inbound&groupBy=day&$RANGE")")
LINES+=("$(stats 'timeseries outbound by day' "/api/reports/timeseries?metric=outbound&groupBy=day&$RANGE")")
LINES+=("$(stats 'timeseries inbound by hour' "/api/reports/timeseries?metric=inbound&groupBy=hour&$RANGE")")
LINES+=("$(stats 'timeseries new_conversations by day' "/api/reports/timeseries?metric=new_conversations&groupBy=day&$RANGE")")
LINES+=("$(stats 'timeseries first_response by day' "/api/reports/timeseries?metric=first_response&groupBy=day&$RANGE")")
LINES+=("$(stats 'timeseries first_response by day, business hours' "/api/reports/timeseries?metric=first_response&groupBy=day&$RANGE&businessHours=true")")
LINES+=("$(stats 'staff' "/api/reports/staff?$RANGE")")
LINES+=("$(stats 'heatmap' "/api/reports/heatmap?$RANGE")")
LINES+=("$(stats 'summary as CSV' "/api/reports/summary?$RANGE&format=csv")")
LINES+=("$(stats 'summary, 365 days (for scale)' "/api/reports/summary?from=2025-01-01&to=2025-12-31&tz=America/Halifax")")

# 500 new texts in 250 conversations, as the webhook path counts them: the next report recomputes those.
sql "WITH picked AS (SELECT id, line_number, phone_number FROM openphone_conversations ORDER BY id DESC LIMIT 250)
     INSERT INTO messages (conversation_id, direction, from_number, to_number, body, status, created_at, updated_at)
     SELECT id, 'inbound', phone_number, line_number, 'New text ' || k, 'received',
            timestamptz '2025-12-30 15:00:00+00' + k * interval '1 minute', now()
     FROM picked, generate_series(1, 2) AS k;
     UPDATE openphone_conversations SET message_count = message_count + 2, updated_at = now()
     WHERE id IN (SELECT id FROM openphone_conversations ORDER BY id DESC LIMIT 250)"
CATCH_UP=$(ms "$(get "/api/reports/summary?$RANGE")")

# The floor: PostgreSQL alone counting the range's messages (current and previous range) from the same index.
FLOOR=$(psql -h 127.0.0.1 -U postgres -d "$DB" -qtA <<'SQL' | grep -oE '[0-9]+\.[0-9]+' | tail -1
SET jit = off;
\timing on
SELECT count(*) FROM messages WHERE created_at >= '2025-11-02 04:00+00' AND created_at < '2025-12-31 04:00+00';
SQL
)
PERIODS=$(sql "SELECT count(*) FROM report_periods")
stop_service

{
  echo
  echo "## Reports (issue 18), $(date -u '+%Y-%m-%d %H:%M') UTC"
  echo
  echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GiB,"
  echo "$(psql -h 127.0.0.1 -U postgres -qtAc 'SHOW server_version' | cut -d' ' -f1) PostgreSQL, $(java -version 2>&1 | head -1)."
  echo "Load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg) (other sessions share the machine)."
  echo "Data: $MESSAGES messages in $CONVERSATIONS conversations over 2025 at three clubs, $PERIODS waiting periods;"
  if [ "$REUSE" = 1 ]; then echo "reused from an earlier run."; else echo "loaded in $(printf '%.0f' "$LOAD_SECONDS") s."; fi
  echo "Range: the last 30 days of the data (2025-12-02 … 12-31, America/Halifax) and"
  echo "the 30 days before it. Each row: $RUNS calls after one warm-up, curl's total time in ms."
  echo
  echo "| Report | median | p95 | max |"
  echo "|---|---|---|---|"
  printf '%s\n' "${LINES[@]}"
  echo
  echo "- First report after loading (builds the rollup for all $CONVERSATIONS conversations, unless reused): $FIRST ms"
  echo "- Summary after 500 new texts in 250 conversations (the rollup recomputes those): $CATCH_UP ms"
  echo "- Floor, same run: PostgreSQL counting the two ranges' messages from idx_messages_report: $FLOOR ms"
} | tee -a bench/RESULTS.md
