#!/usr/bin/env bash
# The heap a database's portfolio and its backtest frame hold, per account: scripts/heap.sh PATH [JVM options]
# e.g. scripts/heap.sh /tmp/big/db -Xmx2g
set -euo pipefail
cd "$(dirname "$0")/.."
db="$1"; shift
mvn -B -q -DskipTests -Dsample.db.skip=true test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/benchmark-classpath.txt
exec java "${@:--Xmx2g}" -XX:+UseSerialGC -cp "target/test-classes:target/classes:$(cat target/benchmark-classpath.txt)" \
    com.bellwether.bench.HeapPerAccount "$db"
