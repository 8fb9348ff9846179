#!/usr/bin/env bash
# Forecasting at scale, end to end through the API on 100,000 generated opportunities (two years of history, quotas):
#   1. forecast of the current quarter and the three after it, per model, everyone's deals (groupBy NONE) and per
#      owner (OWNER, a row per sales person and their manager): p50 and max of 10 runs after 3 warm-ups (OWNER: 3
#      after 1), beside
#      pipelineSummary over the same deals in the same run (one SQL aggregate: the baseline);
#   2. forecastBacktest of the three models over the 8 past quarters (each model asked 8 times from the pipeline
#      rebuilt at each cut-off): one warm-up, then 3 runs.
# Environment: OPPORTUNITIES (100000), BENCH_DIR (/tmp/openchance-forecast-benchmark).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
dir="${BENCH_DIR:-/tmp/openchance-forecast-benchmark}"
opportunities="${OPPORTUNITIES:-100000}"
pg_port=25452 es_port=29220 http_port=18095
services=(--data-dir "$dir/data" --embedded-db-port "$pg_port" --embedded-es-port "$es_port" --embedded-es-heap 1g)

./mvnw -q -B -Dmaven.test.skip=true -pl distribution/launcher -am package
mkdir -p "$dir" && chmod 755 "$dir" # the embedded services run as an unprivileged user when we are root
if [ ! -f "$dir/generated-$opportunities" ]; then
  rm -rf "$dir/data" "$dir"/generated-*
  ./openchance demo-data --opportunities "$opportunities" --activities-per-opportunity 1 \
    --data-dir "$dir/data" --embedded-db-port "$pg_port"
  touch "$dir/generated-$opportunities"
fi
mkdir -p "$dir/data/plugins"
for model in weighted stage-conversion monte-carlo; do
  cp plugins/forecast-$model/target/openchance-plugin-forecast-$model-*.jar "$dir/data/plugins/forecast-$model.jar"
done

source distribution/benchmark/start-server.sh
start_server "$http_port" "${services[@]}"

python3 - "$http_port" "$OPENCHANCE_TOKEN" <<'PY'
import datetime, json, statistics, sys, time, urllib.request
port, token = sys.argv[1], sys.argv[2]

def graphql(query):
    request = urllib.request.Request(f"http://localhost:{port}/graphql", json.dumps({"query": query}).encode(),
                                     {"Content-Type": "application/json", "Authorization": f"Bearer {token}"})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=600) as response:
        body = json.load(response)
    took = (time.perf_counter() - started) * 1000
    if "errors" in body:
        raise SystemExit(f"{query[:80]}...: {body['errors']}")
    return body["data"], took

for _ in range(120):
    models = [m["id"] for m in graphql("{ forecastModels { id } }")[0]["forecastModels"]]
    if len(models) >= 3:
        break
    time.sleep(1)
print("models:", models)
today = datetime.date.today()
quarter_start = datetime.date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
ahead = quarter_start.replace(year=quarter_start.year + (quarter_start.month + 9 - 1) // 12,
                              month=(quarter_start.month + 9 - 1) % 12 + 1)

def timed(query, warmups=3, runs=10):
    for _ in range(warmups):
        graphql(query)
    times = sorted(graphql(query)[1] for _ in range(runs))
    return statistics.median(times), times[-1]

summary = '{ pipelineSummary { count amount { amount } weightedAmount { amount } } }'
base_p50, base_max = timed(summary)
print(f"baseline pipelineSummary (default pipeline, today): p50 {base_p50:.0f} ms, max {base_max:.0f} ms")
for model in models:
    for group in ["NONE", "OWNER"]:
        query = (f'{{ forecast(input: {{ model: "{model}", periodType: QUARTER, from: "{quarter_start}", to: "{ahead}",'
                 f' groupBy: {group} }}) {{ period {{ label }} group {{ name }} expected {{ amount }} p10 {{ amount }}'
                 f' unavailable openDeals }} }}')
        rows, _ = graphql(query)
        p50, worst = timed(query) if group == "NONE" else timed(query, warmups=1, runs=3)
        first = rows["forecast"][0]
        print(f"forecast {model:17} {group:5}: p50 {p50:6.0f} ms, max {worst:6.0f} ms ({p50 / base_p50:5.1f}x the summary);"
              f" {len(rows['forecast'])} rows, {first['openDeals']} open deals in the first,"
              f" expected {first['expected']} {first['unavailable'] or ''}")

last_quarter_end = quarter_start - datetime.timedelta(days=1)
first_quarter = datetime.date(quarter_start.year - 2, quarter_start.month, 1)
backtest = (f'{{ forecastBacktest(input: {{ models: {json.dumps(models[:3])}, periodType: QUARTER,'
            f' from: "{first_quarter}", to: "{last_quarter_end}" }}) {{ model mape wape bias intervalCoverage'
            f' periodsForecast periods {{ openDeals }} }} }}')
graphql(backtest)
times = []
for _ in range(3):
    result, took = graphql(backtest)
    times.append(took)
print(f"forecastBacktest, {len(models[:3])} models x 8 quarters: " + ", ".join(f"{t / 1000:.1f} s" for t in times))
for m in result["forecastBacktest"]:
    print(f"  {m['model']:17} WAPE {m['wape']} MAPE {m['mape']} bias {m['bias']} coverage {m['intervalCoverage']}"
          f" ({m['periodsForecast']} periods, {m['periods'][0]['openDeals']} deals open at the first cut-off)")
PY
