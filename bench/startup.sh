#!/usr/bin/env bash
# Start-to-ready time and RSS (idle, and after 10 s of wrk load) of the packaged JVM service:
# Java 17, Java 25, and Java 25 with a JDK AOT cache (JEP 483/514) trained on a short run.
# Appends a table to bench/RESULTS.md.   bash bench/startup.sh   (needs wrk; about 2 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA17=${JAVA17:-$(command -v java)}
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
DB=clubos_messages_startup
PORT=8092
JWT_SECRET=bench-jwt-secret-0123456789abcdefghij
AOT=target/quarkus-app/app.aot
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
createdb -h 127.0.0.1 -U postgres "$DB" 2>/dev/null || true
export PORT DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$DB" CLUBOS_JWT_SECRET=$JWT_SECRET \
  OPENPHONE_WEBHOOK_SECRETS=YmVuY2gtd2ViaG9vay1zZWNyZXQ= OPENPHONE_DEFAULT_NUMBER=+19025550100 OPENPHONE_OUTBOX_ENABLED=false LOG_JSON=false

TOKEN=$(python3 - "$JWT_SECRET" <<'PY'
import base64, hashlib, hmac, json, sys, time
b = lambda x: base64.urlsafe_b64encode(x).rstrip(b'=').decode()
h = b(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
now = int(time.time())
p = b(json.dumps({"iss": "clubosv1", "aud": "clubosv1-users", "userId": "bench", "role": "operator", "iat": now, "exp": now + 3600}).encode())
print(h + "." + p + "." + b(hmac.new(sys.argv[1].encode(), (h + "." + p).encode(), hashlib.sha256).digest()))
PY
)

measure() { # label, java, extra JVM options...
  local label=$1 java=$2; shift 2
  local start; start=$(date +%s%N)
  "$java" "$@" -jar target/quarkus-app/quarkus-run.jar > bench/out/startup.log 2>&1 &
  local pid=$!
  until curl -sf "http://127.0.0.1:$PORT/q/health/ready" > /dev/null; do sleep 0.02; done
  local ready_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  sleep 2
  local idle; idle=$(ps -o rss= -p $pid | tr -d ' ')
  wrk -t2 -c16 -d10s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/messages/conversations?fields=summary" > /dev/null
  local loaded; loaded=$(ps -o rss= -p $pid | tr -d ' ')
  kill $pid; wait $pid 2>/dev/null || true
  echo "| $label | $ready_ms | $((idle / 1024)) | $((loaded / 1024)) |"
}

mkdir -p bench/out
rm -f "$AOT"
# Training run for the AOT cache: start, serve some requests, stop (the JVM writes the cache at exit).
"$JAVA25" -XX:AOTCacheOutput="$AOT" -jar target/quarkus-app/quarkus-run.jar > bench/out/aot-training.log 2>&1 &
TRAIN=$!
until curl -sf "http://127.0.0.1:$PORT/q/health/ready" > /dev/null; do sleep 0.1; done
wrk -t2 -c8 -d5s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/messages/conversations" > /dev/null
kill $TRAIN; wait $TRAIN 2>/dev/null || true

{
  echo
  echo "## Start-up and memory, $(date -u '+%Y-%m-%d %H:%M UTC') ($(nproc) cores)"
  echo
  echo "| JVM | start → ready (ms) | RSS idle (MiB) | RSS after 10 s of load (MiB) |"
  echo "|---|---|---|---|"
  measure "Java 17 ($("$JAVA17" -version 2>&1 | head -1 | cut -d'"' -f2))" "$JAVA17"
  measure "Java 25 ($("$JAVA25" -version 2>&1 | head -1 | cut -d'"' -f2))" "$JAVA25"
  if [ -f "$AOT" ]; then
    measure "Java 25 + AOT cache ($(du -m "$AOT" | cut -f1) MiB)" "$JAVA25" -XX:AOTCache="$AOT"
  else
    echo "| Java 25 + AOT cache | not created (see bench/out/aot-training.log) | | |"
  fi
} | tee -a bench/RESULTS.md
dropdb -h 127.0.0.1 -U postgres "$DB"
