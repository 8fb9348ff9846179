#!/usr/bin/env bash
# The catalogue's soak (issue 20), not part of CI: the packaged server on the benchmark data set (100,000 opportunities,
# generated once like api-benchmark.sh does), the capacity of an 80/20 read/write mix, then 60 % of it for 30 minutes.
# Prints per window rate, p50, p99, outbox lag and database connections in use; heap after full GC before and after.
#   distribution/benchmark/soak-benchmark.sh                  distribution/benchmark/soak-benchmark.sh --duration PT10M
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dir="${BENCH_DIR:-/tmp/openchance-benchmark}"
opportunities="${OPPORTUNITIES:-100000}"
pg_port=25432 es_port=29200 http_port=18080
mkdir -p "$dir" && chmod 755 "$dir" # the embedded services run as an unprivileged user when we are root
cd "$repo"
source distribution/benchmark/start-server.sh
prepare_data
start_server "$http_port" --data-dir "$dir/data" --embedded-db-port "$pg_port" --embedded-es-port "$es_port"
# the server's JVM (the launcher's child that serves HTTP), for jcmd
server_pid=$(pgrep -f "openchance.home=.*" -n || true)
[ -n "$server_pid" ] || { echo "Cannot find the server's process"; exit 1; }
java -cp "distribution/benchmark/target/classes:distribution/benchmark/target/lib/*" org.openchance.benchmark.SoakBenchmark \
  --graphql "http://localhost:$http_port/graphql" --db-url "jdbc:postgresql://127.0.0.1:$pg_port/openchance" \
  --server-pid "$server_pid" "$@"
