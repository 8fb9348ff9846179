#!/usr/bin/env bash
# Scoring at scale, end to end: the data set of search-benchmark.sh (100,000 opportunities, generated once), the
# packaged server with both scoring plugins dropped in, then through the API:
#   0. the host's first scoring of every opportunity (kept for ordering lists by score) once the plugins are up;
#   1. retrain the predictive model from every closed opportunity (time, training size, held-out AUC / log-loss);
#   2. calibrate both strategies: every closed opportunity scored (time → scores/s);
#   3. a new scorecard version and its background recomputation of every opportunity's score (time → scores/s),
#      in the plugin's history and in the host's kept scores that lists are ordered by;
#   4. a page of 50 open opportunities ordered by score against the same page ordered by close date (same run).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
source distribution/benchmark/search-data.sh
./mvnw -q -B -Dmaven.test.skip=true -pl distribution/launcher,plugins/scoring-criteria,plugins/scoring-predictive -am package
ensure_search_data
mkdir -p "$dir/data/plugins"
cp plugins/scoring-criteria/target/openchance-plugin-scoring-criteria-*.jar "$dir/data/plugins/scoring-criteria.jar"
cp plugins/scoring-predictive/target/openchance-plugin-scoring-predictive-*.jar "$dir/data/plugins/scoring-predictive.jar"

source distribution/benchmark/start-server.sh
start_server "$http_port" "${services[@]}"

graphql() { # query → JSON
  curl -sf -H 'Content-Type: application/json' -H "Authorization: Bearer $OPENCHANCE_TOKEN" "http://localhost:$http_port/graphql" \
    --data "$(python3 -c 'import json,sys; print(json.dumps({"query": sys.argv[1]}))' "$1")"
}
field() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"; }
now_ms() { date +%s%3N; }

for _ in $(seq 1 60); do # both plugins up
  [ "$(graphql '{ scoringStrategies { id } }' | field 'len(d["data"]["scoringStrategies"])')" -ge 1 ] && break
  sleep 1
done
echo "closed opportunities: $(psql -h 127.0.0.1 -p "$pg_port" -U postgres -d openchance -Atc "select count(*) from opportunity where status <> 'OPEN'")"

# 0. the host scores every opportunity once when the scorecard plugin arrives (the scores lists are ordered by)
psql_count() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -d openchance -Atc "$1"; }
live=$(psql_count "select count(*) from opportunity where deleted_at is null")
version=$(graphql '{ scorecard { version } }' | field 'd["data"]["scorecard"]["version"]')
psql_count "truncate opportunity_score" >/dev/null # as on the first start with the plugin (the data set is reused)
start=$(now_ms)
while [ "$(psql_count "select count(*) from opportunity_score where revision = '$version'")" -lt "$live" ]; do sleep 0.5; done
took=$(( $(now_ms) - start ))
echo "kept scores: $live opportunities scored by the host under scorecard version $version, all in $took ms (≤ 5 s poll) = $(( live * 1000 / took )) scores/s"

start=$(now_ms)
graphql 'mutation { retrainPredictiveModel { state } }' >/dev/null # trains in the background
model_query='{ predictiveModel { state message trainingSize heldOutSize auc logLoss constantLogLoss } }'
while [ "$(graphql "$model_query" | field 'd["data"]["predictiveModel"]["state"]')" = "TRAINING" ]; do sleep 0.2; done
echo "retrain: $(( $(now_ms) - start )) ms (reading every closed opportunity through the host and training): $(graphql "$model_query" | field 'd["data"]["predictiveModel"]')"

for strategy in criteria predictive; do
  result=$(graphql "{ scoreCalibration(strategy: \"$strategy\") { closedOpportunities computedInMillis bands { from count predictedWinRate actualWinRate } } }")
  echo "$result" | field "(lambda c: f'calibration $strategy: {c[\"closedOpportunities\"]:,} scored in {c[\"computedInMillis\"]:,} ms = {c[\"closedOpportunities\"] * 1000 // max(1, c[\"computedInMillis\"]):,} scores/s')(d['data']['scoreCalibration'])"
  echo "$result" | field "'\n'.join(f'  band {b[\"from\"]:>4.0f}: {b[\"count\"]:>6} predicted {b[\"predictedWinRate\"] or 0:.2f} actual {b[\"actualWinRate\"] or 0:.2f}' for b in d['data']['scoreCalibration']['bands'])"
done

start=$(now_ms)
graphql "mutation { updateScorecard(input: { expectedVersion: $version, note: \"benchmark\", criteria: [
  { name: \"Company size\", measure: \"COMPANY_SIZE\", weight: 2, otherwisePoints: 30, bands: [{ upTo: 250, points: 30 }, { points: 90 }] },
  { name: \"Partner on team\", measure: \"PARTNER_ON_TEAM\", weight: 1, otherwisePoints: 0, categories: [{ value: \"yes\", points: 100 }, { value: \"no\", points: 20 }] } ] }) { errors { message } } }" >/dev/null
while [ "$(graphql '{ scorecard { recompute { running } } }' | field 'd["data"]["scorecard"]["recompute"]["running"]')" = "True" ]; do sleep 1; done
took=$(( $(now_ms) - start ))
done_count=$(graphql '{ scorecard { recompute { done } } }' | field 'd["data"]["scorecard"]["recompute"]["done"]')
echo "new scorecard version, every opportunity rescored and its history written: $done_count in $took ms = $(( done_count * 1000 / took )) scores/s"
while [ "$(psql_count "select count(*) from opportunity_score where revision = '$((version + 1))'")" -lt "$live" ]; do sleep 0.5; done
kept=$(( $(now_ms) - start ))
echo "kept scores (host, for ordering) under the new version: $live in $kept ms after the change = $(( live * 1000 / kept )) scores/s (sharing the cores with the plugin's own recomputation above)"

owner=$(psql_count "select owner_id from opportunity where status = 'OPEN' group by owner_id order by count(*) desc limit 1")
owner_id=$(python3 -c 'import base64,sys; print(base64.urlsafe_b64encode(("User:" + sys.argv[1]).encode()).decode().rstrip("="))' "$owner")
python3 - "$http_port" "$owner_id" <<'PY'
import json, os, sys, time, urllib.request
port, owner = sys.argv[1], sys.argv[2]
def run(order):
    query = '{ opportunities(first: 50, filter: { status: OPEN, ownerIds: ["%s"] }, orderBy: [{ field: %s, direction: DESC }])' \
            ' { edges { node { id name } } } }' % (owner, order)
    body = json.dumps({"query": query}).encode()
    times = []
    for _ in range(300):
        start = time.perf_counter()
        request = urllib.request.Request(f"http://localhost:{port}/graphql", body, {"Content-Type": "application/json", "Authorization": "Bearer " + os.environ["OPENCHANCE_TOKEN"]})
        answer = json.load(urllib.request.urlopen(request))
        times.append(time.perf_counter() - start)
        assert "errors" not in answer and len(answer["data"]["opportunities"]["edges"]) == 50, answer
    times.sort()
    return times[len(times) // 2] * 1000
for round in range(2):  # the first round warms up
    close, score = run("CLOSE_DATE"), run("SCORE")
print(f"page of 50 open opportunities of one owner, one client, p50: by close date {close:.2f} ms, by score {score:.2f} ms"
      f" (ratio {score / close:.2f})")
PY
