# Sourced by the benchmark scripts.
#   prepare_data                  packages the server and the benchmark, and generates the data set of $opportunities
#                                 opportunities into $dir/data once (embedded PostgreSQL on $pg_port)
prepare_data() {
  ./mvnw -q -B -Dmaven.test.skip=true -pl distribution/launcher,distribution/benchmark -am package
  if [ ! -f "$dir/generated-$opportunities" ]; then
    rm -rf "$dir/data" "$dir"/generated-*
    ./openchance demo-data --opportunities "$opportunities" --data-dir "$dir/data" --embedded-db-port "$pg_port"
    touch "$dir/generated-$opportunities"
  fi
}

# Starts the packaged server in the background with the given `openchance start`
# options (its output in $dir/server.log), stops it when the script exits, and returns once it is healthy and done
# with its own background work (filling empty search indices, rescoring): a measurement beside that measures both.
#   start_server <http port> <start options...>      (BACKGROUND_WAIT=<seconds> bounds the wait, default 1800)
start_server() {
  local port="$1"
  shift
  # the benchmark's clients are one API key sending as fast as the server answers: no per-caller limit, unless the
  # script sets one (rate-limit-benchmark.sh)
  OPENCHANCE_RATE_LIMIT_REQUESTS_PER_SECOND="${OPENCHANCE_RATE_LIMIT_REQUESTS_PER_SECOND:-0}" \
    ./openchance start "$@" --port "$port" --no-demo-data >"$dir/server.log" 2>&1 &
  server=$!
  trap 'kill -TERM "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT
  local healthy=""
  for _ in $(seq 1 180); do
    curl -sf "http://localhost:$port/actuator/health" >/dev/null && { healthy=1; break; }
    kill -0 "$server" 2>/dev/null || { echo "The server did not start:"; tail -20 "$dir/server.log"; exit 1; }
    sleep 1
  done
  [ -n "$healthy" ] || { echo "The server did not become healthy in 180 s:"; tail -20 "$dir/server.log"; exit 1; }
  # the embedded PostgreSQL asks for passwords: the superuser's, for psql, pgbench and the benchmarks' own checks
  PGPASSWORD=$(sed -n 's/^postgres=//p' "$dir/data/postgres.credentials")
  export PGPASSWORD
  sign_in "$port"
  await_background "$port"
}

# Signs in as a demo user (BENCH_EMAIL, default the demo admin; password BENCH_PASSWORD, default the demo one) and
# exports OPENCHANCE_TOKEN: an API key of that user (scopes BENCH_SCOPES, default all), which the benchmarks send (it
# outlives a 15-minute access token).
sign_in() {
  local port="$1" access
  access=$(curl -sf -H 'Content-Type: application/json' \
    -d "{\"email\":\"${BENCH_EMAIL:-sabine.krueger@example.com}\",\"password\":\"${BENCH_PASSWORD:-openchance}\"}" \
    "http://localhost:$port/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
  OPENCHANCE_TOKEN=$(curl -sf -H 'Content-Type: application/json' -H "Authorization: Bearer $access" \
    -d '{"query":"mutation { createApiKey(input: { name: \"benchmark\", scopes: ['"${BENCH_SCOPES:-READ, WRITE, ADMIN}"'] }) { secret } }"}' \
    "http://localhost:$port/graphql" | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["createApiKey"]["secret"])')
  export OPENCHANCE_TOKEN
}

# Whether the predictive scoring plugin is (about to be) training its model: it does at start, reading every closed
# opportunity (a minute of CPU at 100,000), and health does not count a plugin's own work. Installed (its jar in the
# data folder's plugins) until predictiveModel reports a final state; the field appears only once the plugin runs.
predictive_training() {
  ls "$dir"/data/plugins/*predictive*.jar >/dev/null 2>&1 || return 1
  ! curl -s -H "Authorization: Bearer $OPENCHANCE_TOKEN" -H 'Content-Type: application/json' \
    -d '{"query":"{ predictiveModel { state } }"}' "http://localhost:$1/graphql" |
    grep -Eq '"state":"(READY|NOT_ENOUGH_HISTORY|FAILED)"'
}

# Waits until health says the server's background work is done ("busy":false in the "background" component) and the
# predictive model is trained.
await_background() {
  local port="$1" waited=0 limit="${BACKGROUND_WAIT:-1800}" health
  while true; do
    health=$(curl -s -H "Authorization: Bearer $OPENCHANCE_TOKEN" "http://localhost:$port/actuator/health" || true)
    if grep -q '"background":{[^}]*"busy":false' <<<"$health" && ! predictive_training "$port"; then
      [ "$waited" -eq 0 ] || echo "Background work done after ${waited} s."
      return 0
    fi
    if [ "$waited" -ge "$limit" ]; then
      echo "WARNING: measuring while the server is still busy after ${limit} s:"
      grep -o '"background":{[^}]*}' <<<"$health" || echo "$health"
      return 0
    fi
    [ $((waited % 30)) -ne 0 ] || echo "Waiting for the server's background work: $(grep -o '"background":{[^}]*}' <<<"$health")"
    sleep 2
    waited=$((waited + 2))
  done
}
