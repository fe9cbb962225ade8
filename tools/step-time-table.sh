#!/usr/bin/env bash
# ms per training step, ms per forward and peak RSS for every method on both engines, one process
# per (engine, method) so each peak RSS is its own; batch 8 x 128 on MiniLM (mini scale).
# usage: SLASH_DATA=/path/to/glue tools/step-time-table.sh [java classpath] > table.tsv
#        (classpath default: the built CLI's; SST-2 from $SLASH_DATA)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cp="${1:-$here/repro/target/slash-repro-0.1.0-SNAPSHOT.jar:$(cat "$here/repro/target/classpath.txt")}"
data="${SLASH_DATA:?set SLASH_DATA to a GLUE folder holding SST-2/}"
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
methods=("slash --d 1024" "jr-warp --d 1024" "linear" "warp --prompts 20" "bitfit"
         "lora --rank 1" "lora --rank 8" "adapter --bottleneck 1" "adapter --bottleneck 64" "full")
for engine in djl dl4j; do
  steps=10
  [ "$engine" = dl4j ] && steps=4
  for method in "${methods[@]}"; do
    # shellcheck disable=SC2086
    java -Dorg.bytedeco.javacpp.maxphysicalbytes=8G -cp "$cp" slash.repro.Cli step-time \
      --task sst2 --scale mini --engine "$engine" --method $method --batch 8 --max-length 128 \
      --steps "$steps" --data "$data" 2>/dev/null | grep -E "ms/step" \
      || echo -e "$engine\t$method\tfailed"
  done
done
