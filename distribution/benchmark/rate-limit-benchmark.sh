#!/usr/bin/env bash
# What one noisy caller costs everyone else, with the per-caller request limit on (its defaults, or
# RATE_LIMIT=<requests per second>; RATE_LIMIT=0 for the same run without it): the data set of api-benchmark.sh
# (generated once), the packaged server, then NoisyNeighbourBenchmark — a quiet user alone, then beside another user's
# API key hammering with many connections. Arguments go to NoisyNeighbourBenchmark (--help lists them).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dir="${BENCH_DIR:-/tmp/openchance-benchmark}"
opportunities="${OPPORTUNITIES:-100000}"
pg_port=25432 es_port=29200 http_port=18080
mkdir -p "$dir" && chmod 755 "$dir"
cd "$repo"
source distribution/benchmark/start-server.sh
prepare_data

export OPENCHANCE_RATE_LIMIT_REQUESTS_PER_SECOND="${RATE_LIMIT:-50}"
start_server "$http_port" --data-dir "$dir/data" --embedded-db-port "$pg_port" --embedded-es-port "$es_port"

# the quiet one: a salesperson signed in; the noisy one: an API key of the admin (start_server made it)
quiet=$(curl -sf -H 'Content-Type: application/json' \
  -d '{"email":"jonas.mueller@example.com","password":"openchance"}' \
  "http://localhost:$http_port/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
echo "Per-caller limit: ${OPENCHANCE_RATE_LIMIT_REQUESTS_PER_SECOND} requests/s (0: off)"
java -cp "distribution/benchmark/target/classes:distribution/benchmark/target/lib/*" \
  org.openchance.benchmark.NoisyNeighbourBenchmark --graphql "http://localhost:$http_port/graphql" \
  --quiet-token "$quiet" --noisy-token "$OPENCHANCE_TOKEN" "$@"
