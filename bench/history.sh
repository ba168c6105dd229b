#!/usr/bin/env bash
# History import benchmark (issue 21): a ClubOS database with the plan's table and N legacy messages,
# imported by the packaged service through POST /api/admin/imports, timed from the POST to "done".
# Memory: peak RSS of the service while it imports, and one run with a small heap (-Xmx) that must
# still finish, for a table several times larger. Floor: PostgreSQL inserting the same number of message
# rows (same indexes) in one INSERT … SELECT, measured in the same run. Appends a table to bench/RESULTS.md.
#
#   bash bench/history.sh                       100,000 messages (5,000 conversations × 20), then 300,000 at -Xmx160m
#   HISTORY_BENCH_JFR=1 bash bench/history.sh   also records bench/out/history.jfr and prints the hot methods
#
# Settings (env): HISTORY_BENCH_DB, HISTORY_BENCH_LEGACY_DB, HISTORY_BENCH_PORT, HISTORY_BENCH_MESSAGES,
# HISTORY_BENCH_PER_CONVERSATION. Both databases are dropped and recreated.
set -euo pipefail
cd "$(dirname "$0")/.."

DB=${HISTORY_BENCH_DB:-clubos_messages_history_bench}
LEGACY=${HISTORY_BENCH_LEGACY_DB:-clubos_legacy_bench}
PORT=${HISTORY_BENCH_PORT:-8095}
MESSAGES=${HISTORY_BENCH_MESSAGES:-100000}
PER=${HISTORY_BENCH_PER_CONVERSATION:-20}
JWT_SECRET=bench-jwt-secret-0123456789abcdefghij
OUT=bench/out
mkdir -p "$OUT"
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests

sql() { psql -h 127.0.0.1 -U postgres -d "$1" -v ON_ERROR_STOP=1 -qtAc "$2"; }
now() { date +%s.%N; }

# An admin token signed like ClubOS's (HS256, iss clubosv1, aud clubosv1-users).
TOKEN=$(JWT_SECRET=$JWT_SECRET python3 - <<'EOF'
import base64, hashlib, hmac, json, os, time
b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
head = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
body = b64(json.dumps({"iss": "clubosv1", "aud": "clubosv1-users", "userId": "bench-admin", "name": "Bench admin",
                       "role": "admin", "iat": int(time.time()), "exp": int(time.time()) + 7200}).encode())
sig = b64(hmac.new(os.environ["JWT_SECRET"].encode(), f"{head}.{body}".encode(), hashlib.sha256).digest())
print(f"{head}.{body}.{sig}")
EOF
)

legacy_table() { # conversations, messages per conversation: the plan's table, filled inside PostgreSQL
  dropdb -h 127.0.0.1 -U postgres --if-exists --force "$LEGACY"; createdb -h 127.0.0.1 -U postgres "$LEGACY"
  sql "$LEGACY" "CREATE TABLE openphone_conversations (id SERIAL PRIMARY KEY, phone_number VARCHAR(50),
      customer_name VARCHAR(255) DEFAULT 'Unknown', employee_name VARCHAR(255), messages JSONB DEFAULT '[]'::jsonb,
      metadata JSONB, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
      unread_count INTEGER DEFAULT 0, last_read_at TIMESTAMPTZ)"
  sql "$LEGACY" "INSERT INTO openphone_conversations (phone_number, customer_name, messages, unread_count, created_at)
      SELECT '+1902' || lpad((6000000 + c)::text, 7, '0'), 'Customer ' || c,
             (SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
                  'id', CASE WHEN mod(m, 3) = 0 THEN 'ACbench' || c || 'x' || m END,
                  'direction', CASE WHEN mod(m, 2) = 0 THEN 'inbound' ELSE 'outbound' END,
                  'from', CASE WHEN mod(m, 2) = 0 THEN '+1902' || lpad((6000000 + c)::text, 7, '0') ELSE '+19025550100' END,
                  'to', CASE WHEN mod(m, 2) = 0 THEN '+19025550100' ELSE '+1902' || lpad((6000000 + c)::text, 7, '0') END,
                  'text', 'Message ' || m || ' of conversation ' || c || ': can I book a bay for Saturday?',
                  'status', CASE WHEN mod(m, 2) = 0 THEN NULL ELSE 'delivered' END,
                  'createdAt', to_char(timestamp '2024-01-01' + c * interval '1 minute' + m * interval '1 second',
                                       'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'))) ORDER BY m)
              FROM generate_series(1, $2) AS m),
             mod(c, 4), timestamp '2024-01-01' + c * interval '1 minute'
      FROM generate_series(1, $1) AS c"
}

SERVICE_PID=""
start_service() { # extra JVM options
  dropdb -h 127.0.0.1 -U postgres --if-exists --force "$DB"; createdb -h 127.0.0.1 -U postgres "$DB"
  # shellcheck disable=SC2086
  PORT=$PORT DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$DB" CLUBOS_JWT_SECRET=$JWT_SECRET \
  OPENPHONE_DEFAULT_NUMBER=+19025550100 OPENPHONE_OUTBOX_ENABLED=false OPENPHONE_CONTACTS_REFRESH=off LOG_JSON=false \
  LEGACY_DATABASE_URL="postgres://postgres@127.0.0.1:5432/$LEGACY?sslmode=disable" \
    java $1 -jar target/quarkus-app/quarkus-run.jar > "$OUT/history-service.log" 2>&1 &
  SERVICE_PID=$!
  for _ in $(seq 1 90); do
    curl -sf "http://127.0.0.1:$PORT/q/health/ready" >/dev/null && return 0
    sleep 1
  done
  echo "service did not become ready" >&2; tail -50 "$OUT/history-service.log" >&2; exit 1
}
stop_service() { [ -n "$SERVICE_PID" ] && { kill "$SERVICE_PID" 2>/dev/null || true; wait "$SERVICE_PID" 2>/dev/null || true; }; SERVICE_PID=""; }
trap stop_service EXIT
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$SERVICE_PID/status" 2>/dev/null || echo 0; }

run_import() { # label → prints one result line
  local before started id state peak=0 rss
  before=$(rss_kb)
  started=$(now)
  id=$(curl -sf -X POST "http://127.0.0.1:$PORT/api/admin/imports" -H "Authorization: Bearer $TOKEN" \
        -H 'Content-Type: application/json' -d '{"source":"clubos"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["id"])')
  state=running
  while [ "$state" = running ]; do
    sleep 0.2
    rss=$(rss_kb); [ "$rss" -gt "$peak" ] && peak=$rss
    state=$(curl -sf "http://127.0.0.1:$PORT/api/admin/imports/$id" -H "Authorization: Bearer $TOKEN" \
             | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["state"])')
  done
  local seconds
  seconds=$(echo "$(now) - $started" | bc)
  local view
  view=$(curl -sf "http://127.0.0.1:$PORT/api/admin/imports/$id" -H "Authorization: Bearer $TOKEN" | python3 -c '
import json,sys; d=json.load(sys.stdin)["data"]; m=d["messages"]; c=d["conversations"]
print("state=%s imported=%s duplicates=%s skipped=%s conversations=%s/%s" % (d["state"], m["imported"], m["duplicates"], m["skipped"], c["done"], c["total"]))')
  local stored
  stored=$(sql "$DB" "SELECT count(*) FROM messages")
  printf '%s %s stored=%s seconds=%.1f messages_per_second=%.0f rss_before_kb=%s rss_peak_kb=%s\n' \
    "$1" "$view" "$stored" "$seconds" "$(echo "$stored / $seconds" | bc -l)" "$before" "$peak"
}

floor() { # messages → seconds PostgreSQL takes to insert that many message rows (same indexes), in one statement
  sql "$DB" "DROP TABLE IF EXISTS floor_messages; CREATE TABLE floor_messages (LIKE messages INCLUDING ALL)"
  local started
  started=$(now)
  sql "$DB" "INSERT INTO floor_messages (conversation_id, openphone_id, direction, from_number, to_number, body, status,
      history_key, created_at)
      SELECT 1 + n / 20, CASE WHEN mod(n, 3) = 0 THEN 'ACfloor' || n END, CASE WHEN mod(n, 2) = 0 THEN 'inbound' ELSE 'outbound' END,
             '+19026000001', '+19025550100', 'Message ' || n || ': can I book a bay for Saturday?', 'received',
             md5(n::text)::uuid, timestamp '2024-01-01' + n * interval '1 second'
      FROM generate_series(1, $1) AS n" >/dev/null
  echo "$(now) - $started" | bc
  sql "$DB" "DROP TABLE floor_messages"
}

RESULTS=$OUT/history-results.txt
: > "$RESULTS"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
CONVERSATIONS=$((MESSAGES / PER))

legacy_table "$CONVERSATIONS" "$PER"
JFR_OPTS=""
[ "${HISTORY_BENCH_JFR:-0}" = 1 ] && JFR_OPTS="-XX:StartFlightRecording=filename=$OUT/history.jfr,settings=profile"
start_service "$JFR_OPTS"
run_import "first_run messages=$MESSAGES" | tee -a "$RESULTS"
run_import "second_run_adds_nothing" | tee -a "$RESULTS"
FLOOR=$(floor "$MESSAGES")
echo "floor insert_select_seconds=$FLOOR messages=$MESSAGES" | tee -a "$RESULTS"
stop_service
if [ "${HISTORY_BENCH_JFR:-0}" = 1 ]; then
  # Top frames of the execution samples (JDK 17's jfr has no "view"): where the import's CPU went.
  jfr print --json --events jdk.ExecutionSample "$OUT/history.jfr" | python3 -c '
import collections, json, sys
events = json.load(sys.stdin)["recording"]["events"]
top, ours = collections.Counter(), collections.Counter()
for e in events:
    frames = e["values"]["stackTrace"]["frames"]
    if not frames: continue
    name = lambda f: f["method"]["type"]["name"] + "." + f["method"]["name"]
    top[name(frames[0])] += 1
    mine = next((name(f) for f in frames if "clubos" in f["method"]["type"]["name"]), None)
    if mine: ours[mine] += 1
print(f"{len(events)} samples; top frames:")
for m, n in top.most_common(15): print(f"  {100*n/len(events):5.1f}%  {m}")
print("nearest frame of ours:")
for m, n in ours.most_common(10): print(f"  {100*n/len(events):5.1f}%  {m}")
' | tee "$OUT/history-hot-methods.txt"
fi

BIG=$((MESSAGES * 3))
legacy_table $((BIG / PER)) "$PER"
start_service "-Xmx160m"
run_import "small_heap_Xmx160m messages=$BIG" | tee -a "$RESULTS"
stop_service
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

{
  echo
  echo "## History import (issue 21), $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -h | awk '/Mem:/ {print $2}') RAM;"
  echo "$(sql postgres 'SELECT version()' | cut -d, -f1), $(java -version 2>&1 | head -1); service, PostgreSQL and this"
  echo "script share the machine; load average before: $LOAD_BEFORE, after: $LOAD_AFTER (other sessions were running)."
  echo
  echo '```'
  cat "$RESULTS"
  echo '```'
} >> bench/RESULTS.md
echo "appended to bench/RESULTS.md"
