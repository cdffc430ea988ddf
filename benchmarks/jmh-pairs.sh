#!/usr/bin/env bash
# Two builds of the JMH benchmarks, run at the same time in pairs, so that whatever the machine does
# to one run it does to the other; each benchmark's ratio is taken within a pair.
#
#   benchmarks/jmh-pairs.sh BEFORE.jar AFTER.jar [--pairs N] [--pin] [--out DIR] [-- JMH options...]
#
# BEFORE.jar and AFTER.jar are benchmarks/target/rudp-benchmarks.jar built from two commits. Which
# starts first alternates; with --pin each JVM gets a CPU of its own (taskset), swapped every pair.
# JMH options default to `-f 1 -wi 5 -w 1 -i 5 -r 1 SenderPath|AckPath|ReceiverPath|EnginePair`.
# Prints a markdown table: per benchmark and parameter, each side's median ns/op (min–max), the
# median of the per-pair AFTER/BEFORE ratios (min–max), and in how many pairs AFTER was the slower.
# About 85 s per pair with the defaults; results (JMH's CSV) stay in --out (default
# benchmarks/target/jmh-pairs).
set -euo pipefail

usage() { sed -n 2,13p "$0"; }
for arg in "$@"; do
  [[ "$arg" == "--" ]] && break
  if [[ "$arg" == "-h" || "$arg" == "--help" ]]; then usage; exit 0; fi
done
[[ $# -ge 2 ]] || { echo "jmh-pairs.sh: needs two jars, BEFORE and AFTER (see --help)" >&2; exit 2; }
BEFORE="$1"
AFTER="$2"
shift 2
PAIRS=6
PIN=0
OUT="$(cd "$(dirname "$0")" && pwd)/target/jmh-pairs"
JMH_ARGS=(-f 1 -wi 5 -w 1 -i 5 -r 1 "SenderPath|AckPath|ReceiverPath|EnginePair")
while [[ $# -gt 0 ]]; do
  case "$1" in
    --pairs|--out)
      [[ $# -ge 2 ]] || { echo "jmh-pairs.sh: $1 needs a value" >&2; exit 2; }
      if [[ "$1" == "--pairs" ]]; then PAIRS="$2"; else OUT="$2"; fi
      shift 2 ;;
    --pin) PIN=1; shift ;;
    --) shift; JMH_ARGS=("$@"); break ;;
    *) echo "jmh-pairs.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
for jar in "$BEFORE" "$AFTER"; do
  [[ -f "$jar" ]] || { echo "jmh-pairs.sh: no such jar: $jar" >&2; exit 2; }
done
[[ "$PAIRS" =~ ^[1-9][0-9]*$ ]] || { echo "jmh-pairs.sh: --pairs must be a positive whole number: $PAIRS" >&2; exit 2; }
if [[ $PIN -eq 1 ]] && ! command -v taskset >/dev/null; then
  echo "jmh-pairs.sh: --pin needs taskset" >&2; exit 2
fi
mkdir -p "$OUT"
rm -f "$OUT"/before-*.csv "$OUT"/after-*.csv

run() { # side pair cpu jar
  local pin=()
  if [[ $PIN -eq 1 ]]; then pin=(taskset -c "$3"); fi
  # Two JMH runs at once: each must skip JMH's one-run-at-a-time lock.
  ${pin[@]+"${pin[@]}"} java -Djmh.ignoreLock=true -jar "$4" "${JMH_ARGS[@]}" -rf csv -rff "$OUT/$1-$2.csv" > "$OUT/$1-$2.log" 2>&1
}

launch() { # side pair: each side keeps its jar, and its CPU under --pin
  if [[ "$1" == before ]]; then run before "$2" $(($2 % 2)) "$BEFORE"; else run after "$2" $((($2 + 1) % 2)) "$AFTER"; fi
}

PIDS=()
stop() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap stop EXIT
for i in $(seq 1 "$PAIRS"); do
  # Which JVM starts first alternates too: the one started second meets the other's JIT
  # compilation a little later in every benchmark, and that must not always be the same side.
  order=(before after)
  (( i % 2 )) || order=(after before)
  for side in "${order[@]}"; do
    launch "$side" "$i" &
    PIDS+=($!)
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" || { echo "jmh-pairs.sh: pair $i failed; see $OUT/before-$i.log and $OUT/after-$i.log" >&2; exit 1; }
  done
  PIDS=()
  echo "pair $i of $PAIRS done" >&2
done

# One line per result: key (benchmark and parameters), pair, side, ns/op. (JMH ends CSV lines with CR LF.)
for f in "$OUT"/before-*.csv "$OUT"/after-*.csv; do
  side="${f##*/}"; side="${side%%-*}"
  pair="${f##*-}"; pair="${pair%.csv}"
  awk -F, -v side="$side" -v pair="$pair" '{ sub(/\r$/, "") } NR > 1 {
      name = $1; gsub(/"/, "", name); sub(/.*\.benchmarks\./, "", name)
      params = ""
      for (c = 8; c <= NF; c++) if ($c != "") params = params (params == "" ? "" : ",") $c
      print name (params == "" ? "" : " (" params ")") "\t" pair "\t" side "\t" $5
    }' "$f"
done > "$OUT/results.tsv"
echo "| benchmark | before: ns/op, median (min–max) | after | after / before, median of pair ratios (min–max) | pairs where after was slower |"
echo "|---|---:|---:|---:|---:|"
awk -F'\t' '
  function median(a, n,    i, j, t) {
    for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  { key[$1] = 1; score[$1, $2, $3] = $4; if ($2 > maxPair) maxPair = $2 }
  END {
    for (k in key) {
      n = 0; slower = 0
      for (p = 1; p <= maxPair; p++) {
        if (!((k, p, "before") in score) || !((k, p, "after") in score)) continue
        n++; b[n] = score[k, p, "before"]; a[n] = score[k, p, "after"]; r[n] = a[n] / b[n]
        if (r[n] > 1) slower++
      }
      if (n == 0) continue
      mb = median(b, n); ma = median(a, n); mr = median(r, n)
      printf "| `%s` | %.0f (%.0f–%.0f) | %.0f (%.0f–%.0f) | %.2f (%.2f–%.2f) | %d of %d |\n", k, mb, b[1], b[n], ma, a[1], a[n], mr, r[1], r[n], slower, n
    }
  }' "$OUT/results.tsv" | sort
