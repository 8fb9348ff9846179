#!/usr/bin/env bash
# The search performance floor on this machine, end to end: generates the data set once (100,000 opportunities with
# 500,000 activities by default) into an embedded PostgreSQL below $BENCH_DIR, rebuilds the search indices with
# `openchance reindex` (its rate is part of the result), starts the packaged server on it and runs SearchBenchmark
# (queries through GraphQL vs. the same query straight to Elasticsearch, then index lag under writes).
# Arguments go to SearchBenchmark (--help lists them). SKIP_REINDEX=1 keeps the indices of an earlier run.
# SHARING=PRIVATE runs the server with deals and accounts private and searches as a salesperson (BENCH_EMAIL, default
# jonas.mueller@example.com) with the same rule in the baseline (add --scenarios query: lag writes others' deals).
#   distribution/benchmark/search-benchmark.sh            OPPORTUNITIES=20000 distribution/benchmark/search-benchmark.sh
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
source distribution/benchmark/search-data.sh
./mvnw -q -B -Dmaven.test.skip=true -pl distribution/launcher,distribution/benchmark -am package
ensure_search_data
if [ "${SKIP_REINDEX:-0}" != 1 ]; then
  ./openchance reindex "${services[@]}"
fi

source distribution/benchmark/start-server.sh
as_user=()
if [ "${SHARING:-}" = PRIVATE ]; then
  export OPENCHANCE_SECURITY_SHARING_OPPORTUNITIES=PRIVATE OPENCHANCE_SECURITY_SHARING_ACCOUNTS=PRIVATE
fi
start_server "$http_port" "${services[@]}" # waits for the background work as the admin (health details are theirs)
if [ "${SHARING:-}" = PRIVATE ]; then
  # the rule on: a salesperson's key (READ only) and their view in the baseline
  email="${BENCH_EMAIL:-jonas.mueller@example.com}"
  BENCH_EMAIL="$email" BENCH_SCOPES="READ" sign_in "$http_port"
  as_user=(--as-user "$email")
fi

java -cp "distribution/benchmark/target/classes:distribution/benchmark/target/lib/*" org.openchance.benchmark.SearchBenchmark \
  --graphql "http://localhost:$http_port/graphql" --elasticsearch "http://127.0.0.1:$es_port" \
  --db-url "jdbc:postgresql://127.0.0.1:$pg_port/openchance" "${as_user[@]}" "$@"
