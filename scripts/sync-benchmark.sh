#!/usr/bin/env bash
# A sync of 10,000 new usage rows into a database, as `sync --every` or the workbench runs it, timed end to end
# (import, re-scoring of the touched accounts, alert evaluation), on a copy of the database:
#   scripts/sync-benchmark.sh PATH [ROWS] [ROUNDS] [JVM options]     e.g. scripts/sync-benchmark.sh /tmp/big/db 10000 3 -Xmx2g
set -euo pipefail
cd "$(dirname "$0")/.."
db="$1"; rows="${2:-10000}"; rounds="${3:-3}"; shift $(( $# < 3 ? $# : 3 ))
copy="$(mktemp -d)/bench"
for f in "$db".*; do cp -r "$f" "$copy${f#"$db"}"; done
rm -f "$copy.lock.db"
mvn -B -q -DskipTests -Dsample.db.skip=true test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/benchmark-classpath.txt
java "${@:--Xmx2g}" -cp "target/test-classes:target/classes:$(cat target/benchmark-classpath.txt)" \
    com.bellwether.bench.SyncBenchmark "$copy" "$rows" "$rounds"
rm -rf "$(dirname "$copy")"
