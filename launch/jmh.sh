#!/usr/bin/env bash
# JMH microbenchmarks of the per-packet hot path (bundles/org.knet4j.bench.jmh) with the GC profiler, so that every
# benchmark also reports gc.alloc.rate.norm: the bytes allocated per op (per packet, per message or per 65000 B
# message as the benchmark's comment says). Builds the jar if it is missing.
#   usage: launch/jmh.sh [JMH ARGS...]     default: -prof gc -f 1 -wi 3 -i 5
#   e.g.   launch/jmh.sh -prof gc -f 1 -wi 2 -i 3 'Crypto|Compress'     (a regex picks benchmarks)
#          launch/jmh.sh -l                                                (list them)
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=bundles/org.knet4j.bench.jmh/target/benchmarks.jar
if [ ! -f "$JAR" ]; then
  mvn -B -ntp -q -pl bundles/org.knet4j.bench.jmh -am install -DskipTests
fi
if [ $# -eq 0 ]; then
  set -- -prof gc -f 1 -wi 3 -i 5
fi
exec java -jar "$JAR" "$@"
