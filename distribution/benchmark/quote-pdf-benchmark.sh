#!/usr/bin/env bash
# How long the quotes plugin's standard PDF layout takes for a 40-line quote after warm-up, against a one-line quote
# in the same run (QuotePdfBenchmark). Arguments: warm-up seconds (20), measured renders (200).
#   distribution/benchmark/quote-pdf-benchmark.sh              distribution/benchmark/quote-pdf-benchmark.sh 5 50
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
./mvnw -q -B -pl plugins/quotes -am -DskipTests install
./mvnw -q -B -pl plugins/quotes dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/benchmark.classpath
java -cp "plugins/quotes/target/classes:plugins/quotes/target/test-classes:$(cat plugins/quotes/target/benchmark.classpath)" \
  org.openchance.plugins.quotes.QuotePdfBenchmark "$@"
