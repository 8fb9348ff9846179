#!/usr/bin/env bash
# The search performance floor on this machine, end to end: generates the data set once (100,000 opportunities with
# 500,000 activities by default) into an embedded PostgreSQL below $BENCH_DIR, rebuilds the search indices with
# `openchance reindex` (its rate is part of the result), starts the packaged server on it and runs SearchBenchmark
# (queries through GraphQL vs. the same query straight to Elasticsearch, then index lag under writes).
# Arguments go to SearchBenchmark (--help lists them). SKIP_REINDEX=1 keeps the indices of an earlier run.
#   distribution/benchmark/search-benchmark.sh            OPPORTUNITIES=20000 distribution/benchmark/search-benchmark.sh
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dir="${BENCH_DIR:-/tmp/openchance-search-benchmark}"
opportunities="${OPPORTUNITIES:-100000}"
activities="${ACTIVITIES_PER_OPPORTUNITY:-5}"
pg_port=25442 es_port=29210 http_port=18090
services=(--data-dir "$dir/data" --embedded-db-port "$pg_port" --embedded-es-port "$es_port" --embedded-es-heap 1g)

mkdir -p "$dir" && chmod 755 "$dir" # the embedded services run as an unprivileged user when we are root
cd "$repo"
./mvnw -q -B -Dmaven.test.skip=true -pl distribution/launcher,distribution/benchmark -am package

if [ ! -f "$dir/generated-$opportunities-$activities" ]; then
  rm -rf "$dir/data" "$dir"/generated-*
  ./openchance demo-data --opportunities "$opportunities" --activities-per-opportunity "$activities" \
    --data-dir "$dir/data" --embedded-db-port "$pg_port"
  touch "$dir/generated-$opportunities-$activities"
fi
if [ "${SKIP_REINDEX:-0}" != 1 ]; then
  ./openchance reindex "${services[@]}"
fi

source distribution/benchmark/start-server.sh
start_server "$http_port" "${services[@]}"

java -cp "distribution/benchmark/target/classes:distribution/benchmark/target/lib/*" org.openchance.benchmark.SearchBenchmark \
  --graphql "http://localhost:$http_port/graphql" --elasticsearch "http://127.0.0.1:$es_port" \
  --db-url "jdbc:postgresql://127.0.0.1:$pg_port/openchance" "$@"
