#!/usr/bin/env bash
# How well search finds what German and English sales people type, on a labelled set (SearchRelevance,
# RelevanceSet): ~4,000 generated records created through the API of a fresh server (empty database, embedded
# PostgreSQL and Elasticsearch below $BENCH_DIR), ~190 queries in 12 classes (exact, case, umlaut, typo, prefix,
# compound, multi-word, phrase, contact, activity text, near-miss names, sound-alike), each with its relevant
# records computed from the data; prints recall@10 and MRR@10 per class and every query below its target. The set
# and each query's top 10 are written to $BENCH_DIR/labelled-set.jsonl. Arguments go to SearchRelevance (--help).
#   distribution/benchmark/search-relevance.sh            distribution/benchmark/search-relevance.sh --seed 7
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
dir="${BENCH_DIR:-/tmp/openchance-search-relevance}"
pg_port=25462 es_port=29230 http_port=18096
services=(--data-dir "$dir/data" --embedded-db-port "$pg_port" --embedded-es-port "$es_port" --embedded-es-heap 512m)

./mvnw -q -B -Dmaven.test.skip=true -pl distribution/launcher,distribution/benchmark -am package
rm -rf "$dir/data" # every run on an empty database: the set's relevance counts only its own records
mkdir -p "$dir" && chmod 755 "$dir" # the embedded services run as an unprivileged user when we are root
# no demo data: the first start makes an admin with this password, and the benchmark signs in as them
export OPENCHANCE_SECURITY_ADMIN_PASSWORD="relevance-benchmark-$RANDOM$RANDOM"
export BENCH_EMAIL=admin@openchance.local BENCH_PASSWORD="$OPENCHANCE_SECURITY_ADMIN_PASSWORD"

source distribution/benchmark/start-server.sh
start_server "$http_port" "${services[@]}"

java -cp "distribution/benchmark/target/classes:distribution/benchmark/target/lib/*" \
  org.openchance.benchmark.SearchRelevance --graphql "http://localhost:$http_port/graphql" \
  --out "$dir/labelled-set.jsonl" "$@"
