#!/usr/bin/env bash
# Speed of the write paths and of the lists at scale (issue 19), each beside PostgreSQL's own floor in the
# same run. The packaged service runs on its own database holding a year of texts (bench/reports-data.sql:
# 100,000 conversations, ~2,000,000 messages) plus one conversation of 10,000 messages, and is measured with
# wrk (bench/speed/*.lua) from 127.0.0.1:
#   - webhooks: signed message.received (70 % new customers, 30 % from 300 regulars), 32 connections;
#     then the database is checked: every 2xx stored once (lost, duplicated);
#   - sends: POST /api/messages/send by 50 staff tokens, 50 connections (outbox off: acceptance only);
#   - floors: pgbench running the same rows per transaction (bench/speed/floor-*.sql), same concurrency;
#   - reads, 8 connections: first page of the summary list, a keyset page 2,000 rows deep, a digits
#     search, the detail view of the 10,000-message conversation (also the full list, for information);
#   - WebSocket: 1,000 connected clients, webhook POST → event at every client (Bench.java websocket).
# Warm-up: each endpoint gets SPEED_WARMUP seconds of the same load before it is measured (JIT, pool, caches).
# Appends a table to bench/RESULTS.md. Hold the machine's bench lock:
#   flock -o /tmp/clubos-bench.lock bash bench/speed.sh   (-o: a process it starts, such as a restarted
#   PostgreSQL, must not inherit the lock and hold it after the run)
# Settings (env): SPEED_DB, SPEED_PORT, SPEED_SECONDS (20), SPEED_WARMUP (10), SPEED_CONVERSATIONS (100000),
# SPEED_JAVA (java binary, e.g. /usr/lib/jvm/temurin-25-jdk-amd64/bin/java), SPEED_JAVA_OPTS (e.g. JFR),
# SPEED_ONLY (space-separated subset of: reads webhooks sends websocket), SPEED_LABEL (a note for the table).
set -euo pipefail
cd "$(dirname "$0")/.."

DB=${SPEED_DB:-clubos_messages_speed_bench}
PORT=${SPEED_PORT:-18136}
SECONDS_RUN=${SPEED_SECONDS:-20}
WARMUP=${SPEED_WARMUP:-10}
CONVERSATIONS=${SPEED_CONVERSATIONS:-100000}
JAVA=${SPEED_JAVA:-java}
ONLY=${SPEED_ONLY:-reads webhooks sends websocket}
OUT=bench/out/speed
BASE="http://127.0.0.1:$PORT"
JWT_SECRET=bench-jwt-secret-0123456789abcdefghij
WEBHOOK_SECRET=YmVuY2gtd2ViaG9vay1zZWNyZXQ=
LINE=+19025550100
BIG=+19027770000
export SPEED_LUA_DIR="$PWD/bench/speed" SPEED_THREADS=2 SPEED_JWT_SECRET=$JWT_SECRET SPEED_WEBHOOK_SECRET=$WEBHOOK_SECRET
mkdir -p "$OUT"
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
PG_JAR=$(find ~/.m2/repository/org/postgresql/postgresql -name 'postgresql-*.jar' ! -name '*sources*' | sort -V | tail -1)

sql() { psql -h 127.0.0.1 -U postgres -d "$DB" -v ON_ERROR_STOP=1 -qtAc "$1"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
has() { [[ " $ONLY " == *" $1 "* ]]; }
# SPEED_JFR_DIR=dir: a JFR recording (settings=profile) of the service during each measured row, dir/<name>.jfr
jfr_start() { [ -z "${SPEED_JFR_DIR:-}" ] || jcmd "$SERVICE_PID" JFR.start name="$1" settings=profile >/dev/null; }
jfr_stop() { [ -z "${SPEED_JFR_DIR:-}" ] || { mkdir -p "$SPEED_JFR_DIR"; jcmd "$SERVICE_PID" JFR.stop name="$1" filename="$(realpath "$SPEED_JFR_DIR")/$1.jfr" >/dev/null; }; }

SERVICE_PID=""
stop_service() { [ -n "$SERVICE_PID" ] && { kill "$SERVICE_PID" 2>/dev/null || true; wait "$SERVICE_PID" 2>/dev/null || true; }; SERVICE_PID=""; }
trap stop_service EXIT

psql -h 127.0.0.1 -U postgres -lqt | cut -d'|' -f1 | grep -qw "$DB" || createdb -h 127.0.0.1 -U postgres "$DB"
# shellcheck disable=SC2086
PORT=$PORT DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$DB" CLUBOS_JWT_SECRET=$JWT_SECRET \
OPENPHONE_WEBHOOK_SECRETS=$WEBHOOK_SECRET OPENPHONE_DEFAULT_NUMBER=$LINE OPENPHONE_NUMBERS=+19025550200,+19025550300 \
OPENPHONE_SIMULATOR=true OPENPHONE_OUTBOX_ENABLED=false OPENPHONE_SEND_LIMIT_PER_MINUTE=100000000 \
OPENPHONE_CONTACTS_REFRESH=off OPENPHONE_LINES_REFRESH=off REPORTS_REFRESH_EVERY=off \
  "$JAVA" ${SPEED_JAVA_OPTS:-} -jar target/quarkus-app/quarkus-run.jar > "$OUT/service.log" 2>&1 &
SERVICE_PID=$!
for _ in $(seq 1 120); do curl -sf "$BASE/q/health/ready" >/dev/null && break; sleep 1; done
curl -sf "$BASE/q/health/ready" >/dev/null || { echo "service did not become ready" >&2; tail -50 "$OUT/service.log" >&2; exit 1; }

# --- Data: a year of texts (loaded once, kept between runs) and one 10,000-message conversation.
if [ "$(sql "SELECT count(*) FROM messages")" -lt 1000000 ]; then
  echo "loading $CONVERSATIONS conversations (a few minutes)…"
  sql "TRUNCATE openphone_conversations, messages, message_status, webhook_events, change_events, audit_log,
       conversation_events CASCADE"
  psql -h 127.0.0.1 -U postgres -d "$DB" -v ON_ERROR_STOP=1 -v conversations="$CONVERSATIONS" -q \
    -f bench/reports-data.sql >/dev/null
  sql "WITH c AS (INSERT INTO openphone_conversations (phone_number, line_number, customer_name, last_message_at)
                  VALUES ('$BIG', '$LINE', 'Regular Customer', now()) RETURNING id)
       INSERT INTO messages (conversation_id, direction, from_number, to_number, body, status, created_at, updated_at)
       SELECT c.id, CASE WHEN k % 2 = 0 THEN 'inbound' ELSE 'outbound' END,
              CASE WHEN k % 2 = 0 THEN '$BIG' ELSE '$LINE' END, CASE WHEN k % 2 = 0 THEN '$LINE' ELSE '$BIG' END,
              'Text number ' || k || ' of a long-running thread', CASE WHEN k % 2 = 0 THEN 'received' ELSE 'delivered' END,
              now() - (10000 - k) * interval '1 hour', now()
       FROM c, generate_series(1, 10000) AS k;
       UPDATE openphone_conversations SET message_count = 10000, last_message_at = now() WHERE phone_number = '$BIG'"
fi
# Rows earlier runs' write benchmarks added (customers +1903…/+1904…, floors +1905…/+1906…, warm-ups +1907…/+1908…).
# Foreign-key actions are skipped (session_replication_role): each deleted message would otherwise scan every
# conversation for last_message_id/opt_out_message_id, which no index serves (the hot path never needs one).
forget() { # conversations whose customer number matches the regex $1, with everything that hangs off them
  psql -h 127.0.0.1 -U postgres -d "$DB" -v ON_ERROR_STOP=1 -q <<SQL
BEGIN;
SET LOCAL session_replication_role = replica;
CREATE TEMP TABLE gone ON COMMIT DROP AS SELECT id FROM openphone_conversations WHERE phone_number ~ '$1';
DELETE FROM message_status s USING messages m, gone g WHERE s.message_id = m.id AND m.conversation_id = g.id;
DELETE FROM messages m USING gone g WHERE m.conversation_id = g.id;
DELETE FROM conversation_events e USING gone g WHERE e.conversation_id = g.id;
DELETE FROM report_periods p USING gone g WHERE p.conversation_id = g.id;
DELETE FROM report_conversations r USING gone g WHERE r.conversation_id = g.id;
DELETE FROM openphone_conversations c USING gone g WHERE c.id = g.id;
COMMIT;
SQL
}
forget '^\+190[3-8]'
sql "DELETE FROM change_events; DELETE FROM webhook_events; DELETE FROM audit_log WHERE action = 'message.send'"
sql "VACUUM ANALYZE" 2>/dev/null
MESSAGES=$(sql "SELECT count(*) FROM messages")
CONVS=$(sql "SELECT count(*) FROM openphone_conversations")
TOKEN=$(SPEED_JWT_SECRET=$JWT_SECRET python3 -c '
import sys; sys.argv = ["", "sends", "1", "903"]
exec(open("bench/speed/requests.py").read().split("out = sys.stdout")[0]); print(jwt("speed-reader"))')

ROWS=()
row() { ROWS+=("$1"); echo "$1" | tee -a "$OUT/rows.txt"; }
: > "$OUT/rows.txt"
result() { grep '^RESULT' | tail -1; }
field() { sed -E "s/.* $1=([^ ]+).*/\1/" <<<"$2"; }

measure_get() { # label path jfr-name [connections]
  local conns=${4:-8} r before
  SPEED_TOKEN=$TOKEN wrk -t2 -c"$conns" -d"${WARMUP}s" -s bench/speed/get.lua "$BASE$2" >/dev/null
  before=$(load)
  jfr_start "$3"
  r=$(SPEED_TOKEN=$TOKEN wrk -t2 -c"$conns" -d"${SECONDS_RUN}s" -s bench/speed/get.lua "$BASE$2" | result)
  jfr_stop "$3"
  row "| $1 | $conns | $(field rps "$r")/s | $(field p50 "$r") | $(field p99 "$r") | $(field non2xx "$r") non-2xx | $before |"
}

if has reads; then
  curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" "$BASE/api/messages/conversations?fields=summary" \
    || { echo "list refused the token" >&2; exit 1; }
  DEEP=$(sql "SELECT extract(epoch FROM date_trunc('second', last_message_at))::bigint || ':' ||
                     (extract(microseconds FROM last_message_at)::bigint % 1000000) * 1000 || ':' || id
              FROM openphone_conversations ORDER BY last_message_at DESC, id DESC OFFSET 2000 LIMIT 1" \
         | python3 -c 'import base64,sys; print(base64.urlsafe_b64encode(sys.stdin.read().strip().encode()).decode().rstrip("="))')
  measure_get "list, first page (summary, 50)" "/api/messages/conversations?fields=summary&limit=50" first-page
  measure_get "list, keyset page 2,000 rows deep" "/api/messages/conversations?fields=summary&limit=50&before=$DEEP" deep-page
  measure_get "list, digits search \"605-43\"" "/api/messages/conversations?fields=summary&limit=50&search=605-43" digits
  measure_get "list, name search \"customer 4242\"" "/api/messages/conversations?fields=summary&limit=50&search=customer%204242" name
  measure_get "detail, 10,000-message conversation" "/api/messages/conversations/%2B19027770000" detail
  measure_get "list, first page with recent messages (50)" "/api/messages/conversations?limit=50" full-list
fi

replay() { # kind prefix connections seconds → RESULT line; stored requests in $OUT/$kind.requests
  local count=$(( ${SPEED_MAX_RATE:-2500} * $4 ))
  python3 bench/speed/requests.py "$1" "$count" "$2" > "$OUT/$1.requests"
  SPEED_REQUESTS="$OUT/$1.requests" wrk -t2 -c"$3" -d"$4s" --timeout 10s -s bench/speed/replay.lua \
    "$BASE" | result
}
floor() { # script connections seconds → "tps p50_ms p99_ms" (latencies from pgbench's per-transaction log)
  rm -f "$OUT"/pgbench-log*
  local tps
  tps=$(pgbench -h 127.0.0.1 -U postgres -n -c"$2" -j2 -T"$3" -l --log-prefix="$OUT/pgbench-log" -f "$1" "$DB" 2>&1 \
    | awk '/^tps/ {printf "%.0f", $3}')
  echo "$tps $(cat "$OUT"/pgbench-log* | awk '{print $3}' | sort -n | awk '{v[NR]=$1}
    END {printf "%.1f %.1f", v[int(NR*0.5)+1]/1000, v[int(NR*0.99)+1]/1000}')"
}
write_bench() { # label kind prefix warm-up-prefix floor-script connections check-sql
  local label=$1 kind=$2 prefix=$3 warm=$4 script=$5 conns=$6 before r f ok stored dup
  replay "$kind" "$warm" "$conns" "$WARMUP" >/dev/null
  forget "^\\+1$warm"
  floor "$script" "$conns" "$WARMUP" >/dev/null
  before=$(load)
  jfr_start "$kind"
  r=$(replay "$kind" "$prefix" "$conns" "$SECONDS_RUN")
  jfr_stop "$kind"
  f=$(floor "$script" "$conns" "$SECONDS_RUN")
  ok=$(( $(field requests "$r") - $(field non2xx "$r") ))
  stored=$(sql "SELECT count(*) FROM messages m JOIN openphone_conversations c ON c.id = m.conversation_id
                WHERE c.phone_number LIKE '+1$prefix%'")
  dup=$(sql "$7")
  local rps=${r#*rps=}; rps=${rps%% *}
  row "| $label | $conns | $rps/s | $(field p50 "$r") | $(field p99 "$r") | ok $ok, stored $stored, lost $(( ok > stored ? ok - stored : 0 )), duplicated $dup, $(field non2xx "$r") non-2xx | $before |"
  local tps=${f%% *} p50 p99; p99=${f##* }; p50=${f#* }; p50=${p50% *}
  row "| ↳ floor: pgbench, same rows (bench/speed/$(basename "$script")) | $conns | $tps/s | $p50 | $p99 | ratio $(python3 -c "print('%.2f' % ($rps / max(1, $tps)))") × floor | $(load) |"
}

if has webhooks; then
  write_bench "webhook message.received (signed)" webhooks 903 907 bench/speed/floor-webhook.sql 32 \
    "SELECT count(*) - count(DISTINCT openphone_id) FROM messages WHERE openphone_id LIKE 'ACsp%'"
fi
if has sends; then
  write_bench "POST /api/messages/send (50 staff)" sends 904 908 bench/speed/floor-send.sql 50 \
    "SELECT count(*) - count(DISTINCT (to_number, body)) FROM messages WHERE to_number LIKE '+1904%'"
fi
if has websocket; then
  before=$(load)
  ws=$(BENCH_URL=$BASE BENCH_JWT_SECRET=$JWT_SECRET BENCH_WEBHOOK_SECRET=$WEBHOOK_SECRET \
       java -cp "$PG_JAR" bench/Bench.java websocket 1000 20 2>/dev/null | grep '^websocket')
  row "| WebSocket, 1,000 clients: webhook POST → event at each client (20 events) | 1000 | $(field deliveries "$ws") delivered | $(field p50 "$ws") | $(field p99 "$ws") | first client of each event p50 $(field first_p50 "$ws") (max $(field first_max "$ws")); first to last client p50 $(field spread_p50 "$ws") (max $(field spread_max "$ws")) | $before |"
fi
stop_service
trap - EXIT

{
  echo
  echo "## Speed (issue 19), $(date -u '+%Y-%m-%d %H:%M') UTC${SPEED_LABEL:+: $SPEED_LABEL}"
  echo
  echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), which the service, wrk, pgbench and PostgreSQL share;"
  echo "PostgreSQL $(psql -h 127.0.0.1 -U postgres -qtAc 'SHOW server_version' | cut -d' ' -f1), service on $("$JAVA" -version 2>&1 | head -1)${SPEED_JAVA_OPTS:+ ($SPEED_JAVA_OPTS)}."
  echo "Data: $MESSAGES messages in $CONVS conversations (bench/reports-data.sql + one 10,000-message thread)."
  echo "wrk -t2, ${SECONDS_RUN} s per row after ${WARMUP} s of the same load as warm-up; pgbench -j2 for the same time right after"
  echo "(a floor's p50/p99 are those of pgbench's own transactions, from its per-transaction log)."
  echo
  echo "| What | conns | throughput | p50 ms | p99 ms | checks | load avg before |"
  echo "|---|---|---|---|---|---|---|"
  printf '%s\n' "${ROWS[@]}"
} | tee -a bench/RESULTS.md > "$OUT/last.md"
echo "Appended to bench/RESULTS.md"
