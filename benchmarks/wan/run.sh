#!/usr/bin/env bash
# The WAN bench: rudp and kernel TCP over the same emulated links, through the real kernel path.
#
#   sudo benchmarks/wan/run.sh [--runs N] [--links NAME,NAME...] [--impls rudp-bbr,...] [--scale F] [--path-mtu B]
#
# For every link, implementation and run it creates two network namespaces of its own, joins them
# with linkemu (a user-space link: loss, drop-tail queue, rate, one-way delay, reordering; see
# linkemu.c), runs a receiver in one and a sender in the other, and deletes both namespaces again.
# The hosts are 198.18.0.1 and 198.18.0.2 (the benchmarking range of RFC 2544), which exist only
# inside those namespaces. Needs root (namespaces, TUN devices), gcc, iproute2 and the project's jars
# (built here if missing). Prints a markdown table: goodput as a fraction of the link rate, median of
# the runs with min and max, and retransmitted segments; for the bufferbloat link also the mean queue
# delay the flow caused. Every process it starts is stopped by PID; every run is bounded in time.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
RUNS=3
SCALE=1
LINKS=""
PATH_MTU=0
IMPLS="rudp-bbr,rudp-cubic,tcp-bbr,tcp-cubic"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) RUNS="$2"; shift 2 ;;
    --links) LINKS="$2"; shift 2 ;;
    --impls) IMPLS="$2"; shift 2 ;;
    --scale) SCALE="$2"; shift 2 ;;   # multiplies every run's duration (0.25 for a quick look)
    --path-mtu) PATH_MTU="$2"; shift 2 ;;   # the link silently drops IP packets over this size
    -h|--help) sed -n 2,13p "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: --runs must be a positive whole number: $RUNS" >&2; exit 2; }
[[ "$PATH_MTU" =~ ^[0-9]+$ ]] || { echo "run.sh: --path-mtu must be a whole number of bytes: $PATH_MTU" >&2; exit 2; }
[[ "$SCALE" =~ ^[0-9]*\.?[0-9]+$ ]] || { echo "run.sh: --scale must be a positive number: $SCALE" >&2; exit 2; }
[[ $(id -u) -eq 0 ]] || { echo "run.sh: needs root (network namespaces and TUN devices)" >&2; exit 2; }
for tool in gcc ip java; do
  command -v "$tool" >/dev/null || { echo "run.sh: needs $tool" >&2; exit 2; }
done

WORK="$ROOT/benchmarks/target/wan"
mkdir -p "$WORK"
gcc -O2 -Wall -o "$WORK/linkemu" "$ROOT/benchmarks/wan/linkemu.c"
if [[ ! -f "$ROOT/examples/target/rudp-examples.jar" || ! -f "$ROOT/benchmarks/target/rudp-benchmarks.jar" ]]; then
  (cd "$ROOT" && mvn -B -q package -DskipTests)
fi
# A copy of the jars, so a build during the bench does not change what it measures.
cp "$ROOT/examples/target/rudp-examples.jar" "$ROOT/benchmarks/target/rudp-benchmarks.jar" "$WORK/"
EXAMPLES="$WORK/rudp-examples.jar"
BENCH="$WORK/rudp-benchmarks.jar"

NS_A="rudp-wan-a-$$"
NS_B="rudp-wan-b-$$"
HOST_A=198.18.0.1
HOST_B=198.18.0.2
PIDS=()

# Stops what this script started (the emulator, and whatever runs inside its own namespaces) and
# deletes the namespaces.
cleanup() {
  for pid in "${PIDS[@]:-}"; do
    [[ -n "$pid" ]] && kill "$pid" 2>/dev/null || true
  done
  PIDS=()
  for ns in "$NS_A" "$NS_B"; do
    if ip netns list | grep -q "^$ns\b"; then
      ip netns pids "$ns" | xargs -r kill 2>/dev/null || true
      ip netns del "$ns" 2>/dev/null || true
    fi
  done
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM

# Waits up to $2 seconds for file $1 to contain $3.
wait_for() {
  local deadline=$((SECONDS + $2))
  until grep -q "$3" "$1" 2>/dev/null; do
    (( SECONDS < deadline )) || { echo "run.sh: timed out waiting for '$3' in $1" >&2; cat "$1" >&2; return 1; }
    sleep 0.1
  done
}

# link_up DELAY_MS RATE_MBIT QUEUE LOSS REORDER REORDER_MS SEED
link_up() {
  ip netns add "$NS_A"
  ip netns add "$NS_B"
  "$WORK/linkemu" --ns-a "$NS_A" --ns-b "$NS_B" --dev rwan0 --delay-ms "$1" --rate-mbit "$2" --queue-pkts "$3" \
    --loss "$4" --reorder "$5" --reorder-ms "$6" --seed "$7" --seconds 300 --path-mtu "$PATH_MTU" > "$WORK/emu.log" 2>&1 &
  EMU=$!
  PIDS+=("$EMU")
  wait_for "$WORK/emu.log" 5 READY
  ip -n "$NS_A" addr add "$HOST_A" peer "$HOST_B" dev rwan0
  ip -n "$NS_B" addr add "$HOST_B" peer "$HOST_A" dev rwan0
  for ns in "$NS_A" "$NS_B"; do
    ip -n "$ns" link set lo up
    ip -n "$ns" link set rwan0 up
  done
}

link_down() {
  kill -TERM "$EMU" 2>/dev/null || true
  wait "$EMU" 2>/dev/null || true
  cleanup
}

# run_rudp CC SECONDS -> "goodput_mbit retransmits"
run_rudp() {
  ip netns exec "$NS_B" java -jar "$EXAMPLES" perf-server --host "$HOST_B" --port 9000 --once > "$WORK/server.log" 2>&1 &
  local server=$!
  PIDS+=("$server")
  wait_for "$WORK/server.log" 20 listening
  timeout $(($2 + 60)) ip netns exec "$NS_A" java -jar "$EXAMPLES" perf-client --host "$HOST_B" --port 9000 \
    --time "$2" --cc "$1" > "$WORK/client.log" 2>&1 || true
  # The receiver finishes when the last byte the sender queued arrives: wait for it, boundedly.
  timeout 120 tail --pid="$server" -f /dev/null || kill "$server" 2>/dev/null || true
  local mbit retx
  mbit=$(sed -n 's/.*s (\([0-9.]*\) Mbit\/s); SHA-256 matches.*/\1/p' "$WORK/server.log" | head -1)
  retx=$(sed -n 's/.*goodput with [a-z]*; \([0-9]*\) retransmits.*/\1/p' "$WORK/client.log" | head -1)
  echo "${mbit:-0} ${retx:--}"
}

# run_tcp CC SECONDS -> "goodput_mbit retransmits"
run_tcp() {
  ip -n "$NS_A" route replace "$HOST_B" dev rwan0 src "$HOST_A" congctl "$1"
  ip netns exec "$NS_B" java -cp "$BENCH" io.rudp.benchmarks.wan.TcpPerf server "$HOST_B" 5001 > "$WORK/server.log" 2>&1 &
  local server=$!
  PIDS+=("$server")
  wait_for "$WORK/server.log" 20 READY
  timeout $(($2 + 60)) ip netns exec "$NS_A" java -cp "$BENCH" io.rudp.benchmarks.wan.TcpPerf client "$HOST_B" 5001 "$2" \
    > "$WORK/client.log" 2>&1 || true
  timeout 120 tail --pid="$server" -f /dev/null || kill "$server" 2>/dev/null || true
  local bytes seconds retx
  bytes=$(sed -n 's/^RESULT bytes=\([0-9]*\) .*/\1/p' "$WORK/server.log")
  seconds=$(sed -n 's/^RESULT .*seconds=\([0-9.]*\) .*/\1/p' "$WORK/server.log")
  retx=$(ip netns exec "$NS_A" awk '/^Tcp:/ { if (h) { for (i = 1; i <= NF; i++) if (n[i] == "RetransSegs") print $i } else { h = 1; for (i = 1; i <= NF; i++) n[i] = $i } }' /proc/net/snmp)
  if [[ -n "$bytes" && -n "$seconds" ]]; then
    echo "$(awk -v b="$bytes" -v s="$seconds" 'BEGIN { printf "%.2f", b * 8 / s / 1e6 }') ${retx:--}"
  else
    echo "0 ${retx:--}"
  fi
}

# name|one-way delay ms|rate Mbit/s|queue pkts|loss|reorder|reorder extra ms|seconds of sending
ALL_LINKS=(
  "30ms-10M-q25|15|10|25|0|0|0|15"
  "30ms-10M-q25-loss2|15|10|25|0.02|0|0|15"
  "50ms-100M-bdp-loss1|25|100|417|0.01|0|0|15"
  "200ms-100M-bdp|100|100|1667|0|0|0|20"
  "30ms-50M-reorder2|15|50|125|0|0.02|15|15"
  "30ms-10M-q200-bloat|15|10|200|0|0|0|15"
)

median_min_max() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) { print "- - -"; exit } m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print m, v[1], v[NR] }'; }

echo "| link | implementation | goodput / link rate: median (min–max) | retransmitted segments (median) | queue delay (mean ms) |"
echo "|---|---|---|---|---|"
for spec in "${ALL_LINKS[@]}"; do
  IFS='|' read -r name delay rate queue loss reorder reorder_ms secs <<< "$spec"
  if [[ -n "$LINKS" && ",$LINKS," != *",$name,"* ]]; then continue; fi
  secs="$(awk -v t="$secs" -v s="$SCALE" 'BEGIN { printf "%d", (t * s < 2) ? 2 : t * s }')"
  IFS=',' read -r -a impls <<< "$IMPLS"
  for impl in "${impls[@]}"; do
    goodputs=()
    retxs=()
    delays=()
    for run in $(seq 1 "$RUNS"); do
      link_up "$delay" "$rate" "$queue" "$loss" "$reorder" "$reorder_ms" "$run"
      case "$impl" in
        rudp-*) result=$(run_rudp "${impl#rudp-}" "$secs") ;;
        tcp-*) result=$(run_tcp "${impl#tcp-}" "$secs") ;;
        *) echo "run.sh: unknown implementation $impl" >&2; exit 2 ;;
      esac
      link_down
      mkdir -p "$WORK/logs"
      cat "$WORK/client.log" "$WORK/server.log" "$WORK/emu.log" > "$WORK/logs/$name-$impl-$run.log"
      read -r mbit retx <<< "$result"
      goodputs+=("$(awk -v g="$mbit" -v r="$rate" 'BEGIN { printf "%.3f", g / r }')")
      retxs+=("$retx")
      delays+=("$(sed -n 's/^STATS a->b .*mean_queue_delay_ms=\([0-9.]*\).*/\1/p' "$WORK/emu.log")")
      echo "  $name $impl run $run: $mbit Mbit/s, $retx retransmits, queue ${delays[-1]} ms" >&2
    done
    read -r med lo hi <<< "$(printf '%s\n' "${goodputs[@]}" | median_min_max)"
    read -r rmed _ _ <<< "$(printf '%s\n' "${retxs[@]}" | grep -v '^-$' | median_min_max)"
    read -r dmed _ _ <<< "$(printf '%s\n' "${delays[@]}" | median_min_max)"
    echo "| $name | $impl | $med ($lo–$hi) | $rmed | $dmed |"
  done
done
