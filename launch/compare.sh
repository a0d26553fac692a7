#!/usr/bin/env bash
# Side-by-side benchmark: knet4j (Java peer) against libknet 1.25 (our C peer), two processes on 127.0.0.1,
# one UDP link, no crypto. Alternates the implementations (A B A B ...), runs each figure ROUNDS times and
# prints the medians and the ratio knet4j/libknet. Throughput is the receiver's rate after its first messages
# (--warmup N on bench-rx, the same N for both implementations; they are still checked): in its first seconds a
# JVM spends a large share of two cores compiling (the C2 compiler threads took 30-55% of the receiving process
# up to 6 s into a run, measured with perf), so a rate over the whole run measures warm-up rather than the steady
# state a long-running node sees. libknet needs no warm-up, so the rule costs it nothing. The latency rows do 150000
# round trips first that are not counted (--warmup, the same on both peers), for the same reason: with 30000 the
# JVMs were still compiling 15-20 methods a second when counting began (-XX:+PrintCompilation), and a round trip
# that meets a compiler thread on a 2-core machine is a p99 sample.
# Each round also measures plain UDP on loopback (our udp_blast: sendmmsg/recvmmsg, then UDP GSO/GRO), the
# machine's ceiling for 1400-byte datagrams; those rows show the same figure in both columns.
# An optional last column is JGroups 5.5 (its default UDP stack on 127.0.0.1, unicast, two processes: the
# JGroupsPeer of bundles/org.knet4j.bench.jmh) for the throughput rows; JGROUPS=0 leaves it out.
#   usage: [JGROUPS=0] launch/compare.sh [ROUNDS]      (build first: mvn -B -ntp -q install -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
JAR=bundles/org.knet4j.bench/target/knet4j-peer.jar
CPEER=bundles/org.knet4j.interop/target/knet_peer
UDP=bundles/org.knet4j.bench.jmh/target/udp_blast
JMHJAR=bundles/org.knet4j.bench.jmh/target/benchmarks.jar
JGROUPS=${JGROUPS:-1}
if [ "$JGROUPS" = 1 ] && [ ! -f "$JMHJAR" ]; then
  echo "no $JMHJAR: the JGroups column is left out" >&2
  JGROUPS=0
fi
[ -f "$JAR" ] || { echo "missing $JAR: run mvn -B -ntp -q install -DskipTests" >&2; exit 2; }
mkdir -p "$(dirname "$CPEER")"
CSRC=bundles/org.knet4j.interop/src/test/c/knet_peer.c
[ "$CPEER" -nt "$CSRC" ] || gcc -O2 -Wall -o "$CPEER" "$CSRC" -lknet -lpthread
mkdir -p "$(dirname "$UDP")"
[ -x "$UDP" ] || gcc -O2 -Wall -o "$UDP" bundles/org.knet4j.bench.jmh/src/main/c/udp_blast.c
JAVA="java -XX:+UseParallelGC -jar $JAR"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

peer() { if [ "$1" = c ]; then echo "$CPEER"; else echo "$JAVA"; fi; }
field() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p" "$2" | tail -n1; }

# a 256-byte key for the crypto rows (both sides read the same file)
KEY="$tmp/key"
head -c 256 /dev/urandom > "$KEY"

# one throughput run: prints the receiver's msgs_per_s and MBps after its first WARMUP messages; further words
# are flags for both peers
throughput() { # impl size count warmup port [flags...]
  local rx tx impl=$1 size=$2 count=$3 warmup=$4 port=$5; shift 5
  rx=$(peer "$impl"); tx=$(peer "$impl")
  $rx --id 2 --peer-id 1 --bind 127.0.0.1:$((port+1)) --peer 127.0.0.1:$port --mode bench-rx --count "$count" \
      --size "$size" --timeout 5 --warmup "$warmup" "$@" > "$tmp/rx" 2>/dev/null &
  local pid=$!
  $tx --id 1 --peer-id 2 --bind 127.0.0.1:$port --peer 127.0.0.1:$((port+1)) --mode bench-tx --count "$count" \
      --size "$size" --timeout 10 "$@" > "$tmp/tx" 2>/dev/null || true
  wait $pid || true
  echo "$(field msgs_per_s "$tmp/rx") $(field MBps "$tmp/rx")"
}

LAT_WARMUP=150000 # round trips left out
LAT_COUNT=20000   # round trips measured
latency() { # impl port
  local p; p=$(peer "$1")
  # the echo side answers every message of the run, warm-up included
  $p --id 2 --peer-id 1 --bind 127.0.0.1:$(($2+1)) --peer 127.0.0.1:$2 --mode echo \
     --count $((LAT_WARMUP + LAT_COUNT)) --size 64 --timeout 5 > /dev/null 2>&1 &
  local pid=$!
  $p --id 1 --peer-id 2 --bind 127.0.0.1:$2 --peer 127.0.0.1:$(($2+1)) --mode latency --count $LAT_COUNT --size 64 \
     --warmup $LAT_WARMUP --timeout 10 > "$tmp/lat" 2>/dev/null || true
  wait $pid || true
  echo "$(field p50_us "$tmp/lat") $(field p99_us "$tmp/lat")"
}

# link-up time: both peers launched back to back with short ping timers. Prints two figures in ms, each the later
# of the two peers: from the launch until the peer prints "HOST n reachable=1" (both flush that line at once), which
# includes process start (for knet4j a JVM's and its plugins' loading; the start-up row shows the JVM share), and
# from the moment both UDP sockets are bound (polled with ss every ~20 ms) until then: the protocol's own part.
TIMERS="--ping-interval 20 --ping-timeout 200 --pong-count 2"
stamp() { while IFS= read -r l; do echo "${EPOCHREALTIME/./} $l"; done; }
bound() { ss -Huln "sport = :$1" 2>/dev/null | grep -q .; }
linkup() { # impl port
  local p a b t0 ta tb sa="" sb="" i; p=$(peer "$1")
  rm -f "$tmp/up1" "$tmp/up2"
  t0=${EPOCHREALTIME/./}
  $p --id 2 --peer-id 1 --bind 127.0.0.1:$(($2+1)) --peer 127.0.0.1:$2 --mode recv --count 1 --timeout 20 \
     $TIMERS > >(stamp > "$tmp/up2") 2>/dev/null &
  a=$!
  $p --id 1 --peer-id 2 --bind 127.0.0.1:$2 --peer 127.0.0.1:$(($2+1)) --mode recv --count 1 --timeout 20 \
     $TIMERS > >(stamp > "$tmp/up1") 2>/dev/null &
  b=$!
  for i in $(seq 1000); do # at most ~20 s
    [ -z "$sa" ] && bound $(($2+1)) && sa=${EPOCHREALTIME/./}
    [ -z "$sb" ] && bound $2 && sb=${EPOCHREALTIME/./}
    ta=$(sed -n 's/^\([0-9]*\) HOST 1 reachable=1.*/\1/p' "$tmp/up2" 2>/dev/null | head -n1)
    tb=$(sed -n 's/^\([0-9]*\) HOST 2 reachable=1.*/\1/p' "$tmp/up1" 2>/dev/null | head -n1)
    [ -n "$ta" ] && [ -n "$tb" ] && break
    sleep 0.02
  done
  kill -TERM $a $b 2>/dev/null || true
  wait $a $b 2>/dev/null || true
  if [ -n "$ta" ] && [ -n "$tb" ] && [ -n "$sa" ] && [ -n "$sb" ]; then
    awk -v a="$ta" -v b="$tb" -v t="$t0" -v x="$sa" -v y="$sb" \
        'BEGIN {m = (a > b) ? a : b; s = (x > y) ? x : y; printf "%.0f %.0f\n", (m - t) / 1000, (m - s) / 1000}'
  else
    echo "0 0"
  fi
}

# process start alone: the peer started with a bad flag, which exits after printing its usage
startup() { # impl
  local p t0; p=$(peer "$1")
  t0=${EPOCHREALTIME/./}
  $p --no-such-flag > /dev/null 2>&1 || true
  awk -v e="${EPOCHREALTIME/./}" -v t="$t0" 'BEGIN {printf "%.0f", (e - t) / 1000}'
}

# JGroups: the receiver's msgs_per_s and MBps (the sender sends COUNT unicast messages, then waits for "done")
jgroups() { # size count warmup port
  local jg="java -XX:+UseParallelGC -cp $JMHJAR org.knet4j.bench.jmh.jgroups.JGroupsPeer"
  $jg rx "$4" "$2" "$1" "$3" > "$tmp/jrx" 2>/dev/null &
  local pid=$!
  sleep 1
  $jg tx "$4" "$2" "$1" > /dev/null 2>&1 || true
  wait $pid || true
  echo "$(field msgs_per_s "$tmp/jrx") $(field MBps "$tmp/jrx")"
}

# plain UDP: msgs/s the receiver counted while the sender blasted for 3 s
rawudp() { # mode(mmsg|gso) port
  "$UDP" rx "$2" "$1" > "$tmp/udp" 2>/dev/null &
  local pid=$!
  sleep 0.2
  "$UDP" tx "$2" "$1" 3 2>/dev/null || true
  wait $pid || true
  field msgs_per_s "$tmp/udp"
}

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

declare -A R
port=54000
for round in $(seq "$ROUNDS"); do
  for impl in c java; do
    port=$((port + 10))
    read -r m b < <(throughput $impl 64 1000000 300000 $port); R[$impl,64]+="$m "
    port=$((port + 10))
    read -r m b < <(throughput $impl 1400 1000000 300000 $port); R[$impl,1400]+="$m "
    port=$((port + 10))
    read -r m b < <(throughput $impl 8192 400000 100000 $port); R[$impl,8192]+="$m "
    port=$((port + 10))
    read -r m b < <(throughput $impl 65000 500000 100000 $port); R[$impl,65000]+="$b "
    port=$((port + 10))
    read -r p50 p99 < <(latency $impl $port); R[$impl,p50]+="$p50 "; R[$impl,p99]+="$p99 "
    # aes256 + sha256: libknet's openssl model against each of our crypto bundles (the C side runs it twice so
    # that each Java figure has a C figure from the same round)
    for model in bouncycastle jce; do
      port=$((port + 10))
      if [ $impl = c ]; then m1=openssl; else m1=$model; fi
      read -r m b < <(throughput $impl 1400 500000 150000 $port --crypto $m1:aes256:sha256 --key "$KEY")
      R[$impl,aes_$model]+="$m "
    done
    # lz4 (default level) on compressible messages, the same model on both sides
    port=$((port + 10))
    read -r m b < <(throughput $impl 1400 500000 150000 $port --compress lz4:1 --pattern runs); R[$impl,lz4]+="$m "
    port=$((port + 10))
    read -r up bup < <(linkup $impl $port); R[$impl,linkup]+="$up "; R[$impl,boundup]+="$bup "
    R[$impl,startup]+="$(startup $impl) "
    echo "round $round $impl done" >&2
  done
  port=$((port + 10))
  R[udp,mmsg]+="$(rawudp mmsg $port) "
  port=$((port + 10))
  R[udp,gso]+="$(rawudp gso $port) "
  echo "round $round udp done" >&2
  if [ "$JGROUPS" = 1 ]; then
    port=$((port + 10))
    read -r m b < <(jgroups 64 1000000 300000 $port); R[jg,64]+="$m "
    port=$((port + 10))
    read -r m b < <(jgroups 1400 1000000 300000 $port); R[jg,1400]+="$m "
    port=$((port + 10))
    read -r m b < <(jgroups 8192 400000 100000 $port); R[jg,8192]+="$m "
    port=$((port + 10))
    read -r m b < <(jgroups 65000 50000 10000 $port); R[jg,65000]+="$b "
    echo "round $round jgroups done" >&2
  fi
done

# the JGroups column, when measured: its figure for the throughput rows, "-" for the others
jgcol() { # key
  [ "$JGROUPS" = 1 ] || return 0
  if [ -n "${R[jg,$1]:-}" ]; then printf ' %14s' "$(echo ${R[jg,$1]} | tr ' ' '\n' | median)"; else printf ' %14s' -; fi
}
printf '%-34s %14s %14s %8s' "figure (median of $ROUNDS)" "libknet 1.25" "knet4j" "ratio"
[ "$JGROUPS" = 1 ] && printf ' %14s' "JGroups 5.5"
echo
row() { # label key better(higher|lower)
  local c j; c=$(echo ${R[c,$2]} | tr ' ' '\n' | median); j=$(echo ${R[java,$2]} | tr ' ' '\n' | median)
  printf '%-34s %14s %14s %8s' "$1" "$c" "$j" "$(awk -v a="$j" -v b="$c" 'BEGIN {printf "%.2f", (b>0)?a/b:0}')"
  jgcol "$2"
  echo
}
row "64 B msgs/s received" 64
row "1400 B msgs/s received" 1400
row "8192 B msgs/s received" 8192
row "65000 B MB/s received" 65000
row "64 B round trip p50 (us)" p50
row "64 B round trip p99 (us)" p99
row "1400 B aes256+sha256 msgs/s (bc)" aes_bouncycastle
row "1400 B aes256+sha256 msgs/s (jce)" aes_jce
row "1400 B lz4 msgs/s (runs pattern)" lz4
row "link-up ms (launch to both up)" linkup
row "link-up ms (sockets bound to up)" boundup
row "process start+exit, no link (ms)" startup
udprow() { # label key
  local u; u=$(echo ${R[udp,$2]} | tr ' ' '\n' | median)
  printf '%-34s %14s %14s %8s' "$1" "$u" "$u" "-"
  jgcol none
  echo
}
udprow "raw UDP 1400 B msgs/s (mmsg)" mmsg
udprow "raw UDP 1400 B msgs/s (GSO/GRO)" gso
