#!/usr/bin/env bash
# The Spark executor's overhead over the local one: the smoke Table 3 (64 runs) through each,
# interleaved on this machine, from an empty work folder each time; prints a Markdown
# table (seconds per run). Run it on a quiet machine: ./tools/spark/overhead.sh > results/spark-executor.md
set -euo pipefail
cd "$(dirname "$0")/../.."
out=target/spark-overhead
rm -rf "$out"
time_one() { # name, extra args
  local name=$1; shift
  rm -rf target/repro-runs/smoke
  local start end
  start=$(date +%s.%N)
  ./slash repro --scale smoke --tables 3 --results "$out/$name" "$@" > "$out-$name.log" 2>&1
  end=$(date +%s.%N)
  awk "BEGIN { print $end - $start }"
}
mkdir -p "$out"
./slash --version > /dev/null # build both CLIs first, outside the timings
./slash repro --executor spark --help > /dev/null
time_one warm-up > /dev/null # page cache and disk warm for every timed command
rounds=2
declare -A total=([local]=0 [spark1]=0 [spark2]=0)
for round in $(seq $rounds); do # interleaved: a drift in the machine hits all three alike
  total[local]=$(awk "BEGIN { print ${total[local]} + $(time_one local) }")
  total[spark1]=$(awk "BEGIN { print ${total[spark1]} + $(time_one spark1 --executor spark --master 'local[1]') }")
  total[spark2]=$(awk "BEGIN { print ${total[spark2]} + $(time_one spark2 --executor spark --master 'local[2]') }")
done
local_s=$(awk "BEGIN { print ${total[local]} / $rounds }")
spark1_s=$(awk "BEGIN { print ${total[spark1]} / $rounds }")
spark2_s=$(awk "BEGIN { print ${total[spark2]} / $rounds }")
same=$(python3 - "$out" <<'PY'
import json, sys
cells = lambda n: json.load(open(f"{sys.argv[1]}/{n}/smoke/table3.json"))["cells"]
print("identical" if cells("local") == cells("spark1") == cells("spark2") else "DIFFERENT")
PY
)
runs=64
cat <<MD
# The Spark executor's overhead (smoke Table 3, $runs runs)

\`tools/spark/overhead.sh\` on $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p' | head -1)),
$(date -u +%Y-%m-%d), commit $(git rev-parse --short=12 HEAD); each command from an empty work
folder, wall time of the whole \`./slash repro --scale smoke --tables 3\` (JVM start, Spark
start-up, training, tables), the mean of $rounds interleaved rounds after one untimed warm-up
run (the first command after a build runs about 20 s slower whichever executor it uses).
Cells through the three: **$same**.

| executor | wall s | s per run | overhead over local, s per run |
|---|---:|---:|---:|
| local | $(printf %.1f "$local_s") | $(awk "BEGIN { printf \"%.3f\", $local_s / $runs }") | |
| spark \`local[1]\` | $(printf %.1f "$spark1_s") | $(awk "BEGIN { printf \"%.3f\", $spark1_s / $runs }") | $(awk "BEGIN { printf \"%.3f\", ($spark1_s - $local_s) / $runs }") |
| spark \`local[2]\` | $(printf %.1f "$spark2_s") | $(awk "BEGIN { printf \"%.3f\", $spark2_s / $runs }") | $(awk "BEGIN { printf \"%.3f\", ($spark2_s - $local_s) / $runs }") |

A smoke run trains for about a second, so this is the overhead at its most visible: Spark's
start-up once, then one job and one task per run and the result's trip back as JSON. A
full-scale run trains for minutes to hours, where it vanishes. \`local[2]\` has two task slots
but one executor JVM, whose runs take turns (DJL's autograd recorder is process-wide): on a
cluster, one task slot per executor.
MD
