#!/usr/bin/env bash
# Compression benchmark: knet4j (Java peer, bench-tx -> bench-rx) beside libknet 1.25 (our C peer, same), two
# processes on 127.0.0.1, one UDP link, no crypto, 1400-byte compressible messages (--pattern runs), each model at
# libknet's default level. The implementations alternate (C, Java, C, Java ...) ROUNDS times; the table shows the
# receivers' median msgs/s and the ratio knet4j/libknet. The sender runs SECONDS seconds unpaced.
#   usage: launch/compare-compress.sh [ROUNDS] [SECONDS] [MODEL:LEVEL ...]
#   (build first: mvn -B -ntp -q install -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
SECONDS_PER_RUN=${2:-3}
shift $(( $# > 2 ? 2 : $# ))
MODELS=("$@")
[ ${#MODELS[@]} -gt 0 ] || MODELS=(zlib:-1 lz4:1 lz4hc:9 lzo2:1 lzma:6 bzip2:9 zstd:3)
JAR=bundles/org.knet4j.bench/target/knet4j-peer.jar
CPEER=bundles/org.knet4j.interop/target/knet_peer
[ -f "$JAR" ] || { echo "missing $JAR: run mvn -B -ntp -q install -DskipTests" >&2; exit 2; }
mkdir -p "$(dirname "$CPEER")"
[ -x "$CPEER" ] || gcc -O2 -Wall -o "$CPEER" bundles/org.knet4j.interop/src/test/c/knet_peer.c -lknet -lpthread
JAVA="java -XX:+UseParallelGC -jar $JAR"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

peer() { if [ "$1" = c ]; then echo "$CPEER"; else echo "$JAVA"; fi; }
field() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p" "$2" | tail -n1; }

run() { # impl model port: prints the receiver's msgs_per_s
  local p; p=$(peer "$1")
  $p --id 2 --peer-id 1 --bind 127.0.0.1:$(($3+1)) --peer 127.0.0.1:$3 --mode bench-rx --count 1000000000 \
     --size 1400 --pattern runs --compress "$2" --timeout 3 > "$tmp/rx" 2>/dev/null &
  local pid=$!
  $p --id 1 --peer-id 2 --bind 127.0.0.1:$3 --peer 127.0.0.1:$(($3+1)) --mode bench-tx --seconds "$SECONDS_PER_RUN" \
     --size 1400 --pattern runs --compress "$2" --timeout 10 > "$tmp/tx" 2>/dev/null || true
  wait $pid || true
  local corrupt; corrupt=$(field corrupt "$tmp/rx")
  [ "${corrupt:-1}" = 0 ] || echo "warning: $1 $2 corrupt=${corrupt:-?}" >&2
  # the average time one compression (sender) and one decompression (receiver) took, as each library counts it
  echo "$(field msgs_per_s "$tmp/rx") $(field tx_time_ave_ns "$tmp/tx") $(field rx_time_ave_ns "$tmp/rx")"
}

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

declare -A R T D
port=56000
for round in $(seq "$ROUNDS"); do
  for model in "${MODELS[@]}"; do
    for impl in c java; do
      port=$((port + 10))
      read -r m t r < <(run $impl "$model" $port)
      R[$impl,$model]+="$m "; T[$impl,$model]+="$t "; D[$impl,$model]+="$r "
    done
    echo "round $round $model: C ${R[c,$model]}/ Java ${R[java,$model]}" >&2
  done
done

printf '%-10s %13s %13s %6s | %12s %12s | %12s %12s\n' "1400 B runs" "libknet msg/s" "knet4j msg/s" "ratio" \
  "C comp ns" "Java comp ns" "C decomp ns" "Java decomp ns"
med() { echo $1 | tr ' ' '\n' | median; }
for model in "${MODELS[@]}"; do
  c=$(med "${R[c,$model]}"); j=$(med "${R[java,$model]}")
  printf '%-10s %13s %13s %6s | %12s %12s | %12s %12s\n' "$model" "$c" "$j" \
    "$(awk -v a="$j" -v b="$c" 'BEGIN {printf "%.2f", (b>0)?a/b:0}')" "$(med "${T[c,$model]}")" \
    "$(med "${T[java,$model]}")" "$(med "${D[c,$model]}")" "$(med "${D[java,$model]}")"
done
