#!/usr/bin/env bash
# The core-model performance floor on this machine, end to end: generates the data set once (100,000 opportunities by
# default) into an embedded PostgreSQL below $BENCH_DIR, starts the packaged server on it, runs ApiBenchmark (HTTP
# load and its pgbench baseline, same run) and stops the server. Arguments go to ApiBenchmark (--help lists them).
#   distribution/benchmark/api-benchmark.sh                  OPPORTUNITIES=20000 distribution/benchmark/api-benchmark.sh
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dir="${BENCH_DIR:-/tmp/openchance-benchmark}"
opportunities="${OPPORTUNITIES:-100000}"
pg_port=25432 es_port=29200 http_port=18080

command -v pgbench >/dev/null || { echo "pgbench is missing (Debian: apt-get install postgresql-client)"; exit 1; }
mkdir -p "$dir" && chmod 755 "$dir" # the embedded services run as an unprivileged user when we are root
cd "$repo"
source distribution/benchmark/start-server.sh
prepare_data

start_server "$http_port" --data-dir "$dir/data" --embedded-db-port "$pg_port" --embedded-es-port "$es_port"

java -cp "distribution/benchmark/target/classes:distribution/benchmark/target/lib/*" org.openchance.benchmark.ApiBenchmark \
  --graphql "http://localhost:$http_port/graphql" --db-url "jdbc:postgresql://127.0.0.1:$pg_port/openchance" "$@"
