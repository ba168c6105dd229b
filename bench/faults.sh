#!/usr/bin/env bash
# Fault harness (issue 9): two instances of the packaged service on one PostgreSQL database, and one
# "OpenPhone" stand-in (bench/fake_openphone.py) that both send to and that records what it got.
# Load goes to 127.0.0.1 only. Appends a dated table to bench/RESULTS.md.
#
#   bash bench/faults.sh            every scenario
#   bash bench/faults.sh 2 4 5      only these (5 watches whichever of 1, 2, 4, 6 run; alone, its own load)
#
# 1. Webhook storm: 5,000 signed message.received + 30 % duplicates, shuffled, split across both.
# 2. kill -9 of instance 2 in the middle of a send burst (staff POST /send to both, outbox on) and a
#    webhook burst; restarted 3 s later. Clients retry elsewhere (sends with the same Idempotency-Key).
# 3. Like 1 while PostgreSQL restarts (pg_ctlcluster restart): 503s meanwhile, retries succeed.
#    Restarts the machine's PostgreSQL cluster: do not run it while anything else uses it.
# 4. "OpenPhone" answers 429, then 500, then slowly (5 s), then resets connections, ~8 s each, while
#    300 sends wait; then the backlog must drain within the rate limit, nothing duplicated or lost.
# 5. WebSocket clients on both instances (2 each) during the other scenarios: every event of the
#    change feed once, in seq order per conversation, statuses never backwards.
# 6. SIGTERM (plain kill) of instance 2 during a send + webhook load: readiness/liveness probed every
#    ~100 ms; nothing lost, accepted sends sent exactly once.
set -euo pipefail
cd "$(dirname "$0")/.."

SELECTED=("$@")
[ ${#SELECTED[@]} -gt 0 ] || SELECTED=(1 2 3 4 5 6)
selected() { [[ " ${SELECTED[*]} " == *" $1 "* ]]; }

P1=${FAULTS_PORT_1:-8201}
P2=${FAULTS_PORT_2:-8202}
FAKE_PORT=${FAULTS_OPENPHONE_PORT:-8209}
FAKE=http://127.0.0.1:$FAKE_PORT
INSTANCES=http://127.0.0.1:$P1,http://127.0.0.1:$P2
DB=clubos_messages_faults
JWT_SECRET=bench-jwt-secret-0123456789abcdefghij
WEBHOOK_SECRET=YmVuY2gtd2ViaG9vay1zZWNyZXQ=
OUT=bench/out
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
PG_JAR=$(find ~/.m2/repository/org/postgresql/postgresql -name 'postgresql-*.jar' ! -name '*sources*' | sort -V | tail -1)
mkdir -p "$OUT"
rm -f "$OUT"/faults-*.txt "$OUT"/watch-*.stop "$OUT"/instance-*.log
dropdb -h 127.0.0.1 -U postgres --if-exists "$DB"; createdb -h 127.0.0.1 -U postgres "$DB"

declare -A PID=()   # port → pid of the instance
OTHER_PIDS=()       # the stand-in, watchers, probes: everything else this script started
start() { # port
  # Outbox on everywhere, against the shared stand-in. A send left "sending" by a dead instance is
  # reconciled after 20 s (2 min in production) and backoff is capped at 15 s (5 min), so that
  # recovery is measured in seconds; the per-staff send limit is lifted for the load.
  PORT=$1 DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$DB" CLUBOS_JWT_SECRET=$JWT_SECRET \
  OPENPHONE_WEBHOOK_SECRETS=$WEBHOOK_SECRET OPENPHONE_DEFAULT_NUMBER=+19025550100 \
  OPENPHONE_API_KEY=fault-harness-key OPENPHONE_BASE_URL=$FAKE OPENPHONE_OUTBOX_ENABLED=true \
  OPENPHONE_OUTBOX_STUCK_AFTER=PT20S OPENPHONE_RETRY_MAX_BACKOFF=PT15S OPENPHONE_SEND_LIMIT_PER_MINUTE=100000 \
  LOG_JSON=false DATABASE_POOL_MAX=20 java -jar target/quarkus-app/quarkus-run.jar >> "$OUT/instance-$1.log" 2>&1 &
  PID[$1]=$!
}
ready() { for port in "$@"; do until curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null; do sleep 0.2; done; done; }
cleanup() {
  for p in "${PID[@]}" "${OTHER_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PID[@]}" "${OTHER_PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
}
trap cleanup EXIT

python3 bench/fake_openphone.py "$FAKE_PORT" & OTHER_PIDS+=($!)
start "$P1"
sleep 3   # the first instance migrates; the second then finds the schema up to date
start "$P2"
ready "$P1" "$P2"

# Compiled once: a single-file launch compiles on every start, seconds on a busy machine.
javac -d "$OUT/classes" -cp "$PG_JAR" bench/Bench.java
bench() { BENCH_JDBC="jdbc:postgresql://127.0.0.1:5432/$DB" BENCH_WEBHOOK_SECRET=$WEBHOOK_SECRET BENCH_JWT_SECRET=$JWT_SECRET \
  java -cp "$OUT/classes:$PG_JAR" Bench "$@"; }
sql() { psql -h 127.0.0.1 -U postgres -d "$DB" -tAc "$1"; }
# Blocks until the load is in full swing: $1 of its sends stored and "OpenPhone" busy with them.
mid_burst() { # tag, stored sends
  until [ "$(sql "select count(*) from messages where body like '$1 send %'")" -ge "$2" ] \
     && [ "$(sql "select count(*) from messages where body like '$1 send %' and status = 'sending'")" -ge 2 ]; do sleep 0.1; done
}
fake() { curl -sf -X POST "$FAKE/$1" -d "${2:-{\}}" >/dev/null; }
now() { date +%s.%N; }
# The value of name=… in a result line ({…} kept whole).
field() { grep -oP "(?<=\b$1=)(\{[^}]*\}|[^ ]+)" <<<"$2" | head -1; }
ROWS=()
row() { ROWS+=("| $1 | $2 | $3 | $4 | $5 | $6 |"); echo "| $1 | $2 | $3 | $4 | $5 | $6 |"; }
logcount() { cat "$OUT"/instance-*.log | grep -c "$1" || true; }

# Scenario 5 rides along: watchers connect before a load and report after it.
watch_start() { # label
  if selected 5; then
    rm -f "$OUT/watch-$1.stop"
    bench watch "$INSTANCES" 2 "$OUT/watch-$1.stop" "$1" > "$OUT/faults-watch-$1.txt" 2> "$OUT/faults-watch-$1.err" &
    WATCHER=$!; OTHER_PIDS+=($WATCHER)
    until grep -q watching "$OUT/faults-watch-$1.err" 2>/dev/null; do sleep 0.2; done
  fi
}
watch_stop() { # label, description of the load
  if selected 5; then
    touch "$OUT/watch-$1.stop"
    wait "$WATCHER" || true
    local w; w=$(cat "$OUT/faults-watch-$1.txt"); echo "$w"
    row "5. WebSocket, 4 clients (2 per instance), during $2" "$(field events "$w")" "$(field missing "$w")" \
      "$(field duplicated "$w")" "—" "out of seq order within a conversation: $(field out_of_order "$w"), status regressions: $(field status_regressions "$w"), reconnects: $(field reconnects "$w"), events repeated by a resume: $(field resume_overlap "$w"), resyncs for being too slow: $(field resyncs "$w") (events covered by the reload instead of a push: $(field not_pushed_but_reloaded "$w")); last events arrived $(field last_events_after_s "$w") s after the load ended"
  fi
}

storm_row() { # scenario label, storm line, extra notes
  row "$1" "$(field deliveries "$2")" "$(field lost "$2")" "$(field duplicated "$2")" "$(field max_recovery_s "$2") s to a 2xx" \
    "unique=$(field unique "$2"), acknowledged=$(field unique_acknowledged "$2"), stored=$(field stored "$2"), unread_delta=$(field unread_delta "$2"), retries=$(field retries "$2") $(field errors "$2"), $(field seconds "$2") s${3:+; $3}"
}
sends_notes() { # sendload line, verify line
  echo "accepted=$(field accepted "$1") (200 for a repeated key: $(field repeated_key_200 "$1")), client errors retried: $(field errors "$1"); at OpenPhone: $(field at_openphone "$2"), failed: $(field failed "$2"), id mismatches: $(field id_mismatch "$2"), looked up before resend: $(field reconciled "$2"), of which found there (adopted): $(field adopted "$2"); POST outcomes $(field post_outcomes "$2"); most calls in one second: $(field max_calls_per_s "$2") (1 s window: $(field max_calls_1s_window "$2"))"
}

# 1. Webhook storm with 30 % duplicates, shuffled, split across both instances.
if selected 1; then
  watch_start 1
  s1=$(bench storm 5000 "$INSTANCES" one); echo "$s1"
  storm_row "1. webhook storm, 30 % duplicates, shuffled, 2 instances" "$s1"
  watch_stop 1 "scenario 1 (webhooks)"
fi

# 2. kill -9 of instance 2 mid-burst, restarted 3 s later.
if selected 2; then
  fake _reset
  fake _mode '{"mode":"slow","delay":0.3}'   # every send is in flight for 0.3 s: the kill lands mid-call
  watch_start 2
  bench sendload 600 "$INSTANCES" kill "$OUT/faults-kill-accepted.txt" > "$OUT/faults-kill-sends.txt" & SENDS=$!
  bench storm 2000 "$INSTANCES" kill > "$OUT/faults-kill-storm.txt" & STORM=$!
  mid_burst kill 250
  kill -9 "${PID[$P2]}"; killed_at=$(now)
  wait "${PID[$P2]}" 2>/dev/null || true
  sleep 3
  start "$P2"; ready "$P2"; ready_after=$(echo "$(now) - $killed_at" | bc)
  wait $SENDS $STORM
  sends=$(cat "$OUT/faults-kill-sends.txt"); echo "$sends"
  storm=$(cat "$OUT/faults-kill-storm.txt"); echo "$storm"
  verify=$(bench verify-sends kill "$FAKE" "$OUT/faults-kill-accepted.txt" 240 "$killed_at"); echo "$verify"
  row "2. kill -9 of instance 2 mid-burst, restarted after 3 s: staff sends" "$(field accepted "$sends")" "$(field lost "$verify")" \
    "$(field duplicated "$verify")" "$(field max_recovery_s "$sends") s to a 202; all at OpenPhone $(field drained_s "$verify") s after the kill" \
    "$(sends_notes "$sends" "$verify"); killed instance ready again $(printf %.1f "$ready_after") s after the kill"
  storm_row "2. same: webhooks (2,000 + 30 % duplicates)" "$storm"
  watch_stop 2 "scenario 2 (kill -9: clients of the killed instance reconnect and resume)"
fi

# 3. The webhook storm while PostgreSQL restarts: webhooks get 503 meanwhile and succeed on retry.
if selected 3; then
  watch_start 3
  bench storm 3000 "$INSTANCES" pg > "$OUT/faults-restart.txt" & STORM=$!
  sleep 8
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main restart
  wait $STORM
  s3=$(cat "$OUT/faults-restart.txt"); echo "$s3"
  ready_after=yes
  for port in "$P1" "$P2"; do curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null || ready_after=no; done
  storm_row "3. same as 1, PostgreSQL restarted mid-storm" "$s3" "both instances ready again without a restart: $ready_after"
  watch_stop 3 "scenario 3 (PostgreSQL restart)"
fi

# 4. OpenPhone faults: 429, 500, slow, reset, ~8 s each, while sends wait; then the backlog drains.
if selected 4; then
  fake _reset
  fake _mode '{"mode":"429"}'
  watch_start 4
  fault_from=$(now)
  bench sendload 300 "$INSTANCES" op "$OUT/faults-op-accepted.txt" > "$OUT/faults-op-sends.txt" &
  SENDS=$!
  sleep 8; fake _mode '{"mode":"500"}'
  sleep 8; fake _mode '{"mode":"slow","delay":5}'
  sleep 10; fake _mode '{"mode":"reset"}'
  sleep 8; fake _mode '{"mode":"ok"}'; fault_end=$(now)
  wait $SENDS
  sends=$(cat "$OUT/faults-op-sends.txt"); echo "$sends"
  verify=$(bench verify-sends op "$FAKE" "$OUT/faults-op-accepted.txt" 300 "$fault_end"); echo "$verify"
  row "4. OpenPhone 429 → 500 → slow (5 s) → connection resets, $(printf %.0f "$(echo "$fault_end - $fault_from" | bc)") s in all, during 300 sends" \
    "$(field accepted "$sends")" "$(field lost "$verify")" "$(field duplicated "$verify")" \
    "backlog drained $(field drained_s "$verify") s after the faults ended" "$(sends_notes "$sends" "$verify"); most POSTs in one second: $(field max_posts_per_s "$verify")"
  watch_stop 4 "scenario 4 (OpenPhone faults: status churn)"
fi

# 6. SIGTERM of instance 2 during a send + webhook load: graceful shutdown, readiness and liveness.
if selected 6; then
  fake _reset
  fake _mode '{"mode":"slow","delay":0.3}'
  watch_start 6
  victim=${PID[$P2]}
  # Probe both health endpoints of the victim every ~100 ms until it has exited.
  ( while kill -0 "$victim" 2>/dev/null; do
      printf '%s %s %s\n' "$(now)" "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$P2/q/health/ready")" \
        "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$P2/q/health/live")"
      sleep 0.05
    done ) > "$OUT/faults-probe.txt" & PROBE=$!; OTHER_PIDS+=($PROBE)
  bench sendload 600 "$INSTANCES" term "$OUT/faults-term-accepted.txt" > "$OUT/faults-term-sends.txt" & SENDS=$!
  bench storm 2000 "$INSTANCES" term > "$OUT/faults-term-storm.txt" & STORM=$!
  mid_burst term 250
  kill -TERM "$victim"; term_at=$(now)
  code=0; wait "$victim" || code=$?; exited_at=$(now)
  wait $PROBE || true
  wait $SENDS $STORM
  sends=$(cat "$OUT/faults-term-sends.txt"); echo "$sends"
  storm=$(cat "$OUT/faults-term-storm.txt"); echo "$storm"
  verify=$(bench verify-sends term "$FAKE" "$OUT/faults-term-accepted.txt" 240 "$term_at"); echo "$verify"
  # Readiness: first non-200 after SIGTERM. Liveness: any non-200 before SIGTERM, and what it answered after.
  probe=$(awk -v t="$term_at" -v x="$exited_at" '
    $1 < t { before++; if ($3 != 200) live_bad++; if ($2 != 200) ready_bad++ }
    $1 >= t { if ($2 != 200 && first == "") first = $1 - t; after[$3]++ }
    END { printf "probes before SIGTERM: %d (readiness non-200: %d, liveness non-200: %d); readiness non-200 %.2f s after SIGTERM; liveness answers from SIGTERM to exit (%.1f s):", before, ready_bad + 0, live_bad + 0, first, x - t;
          for (c in after) printf " %s×%d", (c == "000" ? "no answer" : c), after[c] }' "$OUT/faults-probe.txt")
  echo "$probe"
  row "6. SIGTERM of instance 2 mid-load: staff sends" "$(field accepted "$sends")" "$(field lost "$verify")" "$(field duplicated "$verify")" \
    "$(field max_recovery_s "$sends") s to a 202" \
    "$(sends_notes "$sends" "$verify"); exit code $code after $(printf %.1f "$(echo "$exited_at - $term_at" | bc)") s; $probe"
  storm_row "6. same: webhooks (2,000 + 30 % duplicates)" "$storm"
  watch_stop 6 "scenario 6 (SIGTERM)"
fi

# 5 alone: give the watchers a load of their own (webhooks and sends at once).
if selected 5 && ! selected 1 && ! selected 2 && ! selected 3 && ! selected 4 && ! selected 6; then
  fake _reset
  watch_start 5
  bench sendload 300 "$INSTANCES" ws "$OUT/faults-ws-accepted.txt" > /dev/null & SENDS=$!
  bench storm 1500 "$INSTANCES" ws > /dev/null
  wait $SENDS
  bench verify-sends ws "$FAKE" "$OUT/faults-ws-accepted.txt" 120 "$(now)" > /dev/null
  watch_stop 5 "1,500 webhooks + 300 sends (both instances)"
fi

{
  printf '\n## Fault harness, %s (scenarios %s)\n\n' "$(date -u '+%Y-%m-%d %H:%M UTC')" "${SELECTED[*]}"
  printf 'Machine: %s cores (%s), %s RAM; %s; %s.\n\n' "$(nproc)" "$(lscpu | sed -n 's/^Model name: *//p' | head -1)" \
    "$(free -h | awk '/^Mem:/ {print $2}')" "$(psql -h 127.0.0.1 -U postgres -tAc 'select version()' | cut -d, -f1)" \
    "$(java -version 2>&1 | head -1)"
  printf '| scenario | events | lost | duplicated | max recovery time | notes |\n|---|---|---|---|---|---|\n'
  printf '%s\n' "${ROWS[@]}"
} | tee -a bench/RESULTS.md
cleanup
trap - EXIT
dropdb -h 127.0.0.1 -U postgres "$DB"
