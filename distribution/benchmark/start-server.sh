# Sourced by the benchmark scripts: starts the packaged server in the background with the given `openchance start`
# options (its output in $dir/server.log), stops it when the script exits, and returns once it is healthy.
#   start_server <http port> <start options...>
start_server() {
  local port="$1"
  shift
  ./openchance start "$@" --port "$port" --no-demo-data >"$dir/server.log" 2>&1 &
  server=$!
  trap 'kill -TERM "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT
  for _ in $(seq 1 180); do
    curl -sf "http://localhost:$port/actuator/health" >/dev/null && return 0
    kill -0 "$server" 2>/dev/null || { echo "The server did not start:"; tail -20 "$dir/server.log"; exit 1; }
    sleep 1
  done
  echo "The server did not become healthy in 180 s:"; tail -20 "$dir/server.log"; exit 1
}
