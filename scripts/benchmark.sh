#!/usr/bin/env bash
# Runs JMH benchmarks of src/test/java/com/bellwether/bench, e.g.: scripts/benchmark.sh ImportBenchmark
# Extra arguments go to JMH (e.g. -i 5 for five measurement iterations, -rf json for a result file).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests -Denforcer.skip=false test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/benchmark-classpath.txt
exec java -cp "target/test-classes:target/classes:$(cat target/benchmark-classpath.txt)" org.openjdk.jmh.Main "$@"
