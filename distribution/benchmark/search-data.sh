# Sourced by search-benchmark.sh and scoring-benchmark.sh: the large data set both use (100,000 opportunities with
# 500,000 activities by default), generated once below $dir, and the ports of the services on it.
dir="${BENCH_DIR:-/tmp/openchance-search-benchmark}"
opportunities="${OPPORTUNITIES:-100000}"
activities="${ACTIVITIES_PER_OPPORTUNITY:-5}"
pg_port=25442 es_port=29210 http_port=18090
services=(--data-dir "$dir/data" --embedded-db-port "$pg_port" --embedded-es-port "$es_port" --embedded-es-heap 1g)

ensure_search_data() {
  mkdir -p "$dir" && chmod 755 "$dir" # the embedded services run as an unprivileged user when we are root
  if [ ! -f "$dir/generated-$opportunities-$activities" ]; then
    rm -rf "$dir/data" "$dir"/generated-*
    ./openchance demo-data --opportunities "$opportunities" --activities-per-opportunity "$activities" \
      --data-dir "$dir/data" --embedded-db-port "$pg_port"
    touch "$dir/generated-$opportunities-$activities"
  fi
}
