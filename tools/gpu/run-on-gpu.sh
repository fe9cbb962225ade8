#!/usr/bin/env bash
# The one script to run on the GPU machine, from the repo root, with target/gpu-bundle carried:
#
#   tools/gpu/run-on-gpu.sh                      # checks + JNI build + the DJL smoke program
#   tools/gpu/run-on-gpu.sh jmh [JMH ARGS...]    # ... then the JMH jar of the bundle (jmh hook)
#   tools/gpu/run-on-gpu.sh -- CMD [ARGS...]     # ... then any command; it gets $JAVA, $JAVA_OPTS,
#                                                #     $SLASH_CP (bundle classpath), $SLASH_OUT
#
# Steps: nvidia-smi, python3 torch, tools/gpu/build-jni.sh (cached in $SLASH_GPU_WORK while the box
# stays warm), the smoke program (also before a given command, unless SLASH_SMOKE=0; a failing
# smoke stops the run), then the command under a deadline, with nvidia-smi sampling the device memory beside
# it. Everything lands in $OUT (the device tool's folder) or target/gpu-out: run-on-gpu.log, env.txt,
# build-jni.log, gpu-mem.csv, summary.txt, plus the command's own files (smoke.json, jmh.json).
# $OUT comes back with at most 8 files: a command should write at most 2 files under $SLASH_OUT.
#
# Without a GPU (no nvidia-smi, or torch without CUDA) it falls back to CPU and says so, so that the
# whole path can be rehearsed on a CPU machine (with Debian's libtorch-dev standing in for torch).
#
# Knobs: SLASH_BUNDLE (default target/gpu-bundle), SLASH_DEADLINE_S (default 450: the whole script,
# the command is killed so that the script ends by then), SLASH_GPU_WORK (default /tmp/slash-gpu),
# SLASH_JAVA_OPTS (added to JAVA_OPTS).
set -uo pipefail

T0=$(date +%s)
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUNDLE="${SLASH_BUNDLE:-$ROOT/target/gpu-bundle}"
OUTDIR="${OUT:-$ROOT/target/gpu-out}"
WORK="${SLASH_GPU_WORK:-/tmp/slash-gpu}"
DEADLINE="${SLASH_DEADLINE_S:-450}"
mkdir -p "$OUTDIR" "$WORK"
export SLASH_GPU_WORK="$WORK"
exec > >(tee "$OUTDIR/run-on-gpu.log") 2>&1
TEE_PID=$!
say() { printf '[run-on-gpu %4ds] %s\n' "$(( $(date +%s) - T0 ))" "$*"; }
SUMMARY="$OUTDIR/summary.txt"
: > "$SUMMARY"
note() { say "$*"; printf '%s\n' "$*" >> "$SUMMARY"; }
finish() {
  note "exit: $1 after $(( $(date +%s) - T0 )) s"
  exec 1>&- 2>&-; wait "$TEE_PID" 2>/dev/null; exit "$1"
}

# ---------------------------------------------------------------- 0. bundle
# (a copy may lose exec bits: java, and jspawnhelper that ProcessBuilder, hence JMH's forks, need)
chmod +x "$BUNDLE"/runtime/bin/* "$BUNDLE"/runtime/lib/jspawnhelper 2>/dev/null || true
if [ ! -x "$BUNDLE/runtime/bin/java" ] || [ ! -f "$BUNDLE/classpath.txt" ]; then
  note "bundle: MISSING at $BUNDLE (build it with tools/gpu/make-bundle.sh and carry target/gpu-bundle)"
  finish 2
fi
note "bundle: $(sed -n 's/^built: *//p' "$BUNDLE/MANIFEST.txt"), $(sed -n 's/^total: *//p' "$BUNDLE/MANIFEST.txt")"

# ---------------------------------------------------------------- 1. GPU and torch
{
  echo "== uname"; uname -a
  echo "== nvidia-smi"
  if command -v nvidia-smi >/dev/null; then
    nvidia-smi --query-gpu=name,memory.total,driver_version,compute_cap --format=csv 2>&1
  else
    echo "no nvidia-smi"
  fi
  echo "== python3 torch"
  python3 - <<'PY' 2>&1 || echo "no python3 torch"
import torch
print("torch", torch.__version__, "cuda", torch.version.cuda, "available", torch.cuda.is_available())
if torch.cuda.is_available():
    print("device", torch.cuda.get_device_name(0), "capability", torch.cuda.get_device_capability(0))
print("cmake_prefix_path", torch.utils.cmake_prefix_path)
PY
  echo "== compilers"
  (c++ --version 2>/dev/null || g++ --version 2>/dev/null || echo "no c++") | head -1
  (cmake --version 2>/dev/null || echo "no cmake") | head -1
  (nvcc --version 2>/dev/null || /usr/local/cuda/bin/nvcc --version 2>/dev/null || echo "no nvcc") | tail -1
  echo "== java"; "$BUNDLE/runtime/bin/java" -version 2>&1
} > "$OUTDIR/env.txt" 2>&1
cat "$OUTDIR/env.txt"
GPU=0
if command -v nvidia-smi >/dev/null && nvidia-smi -L >/dev/null 2>&1; then
  if grep -q 'available True' "$OUTDIR/env.txt"; then
    GPU=1
    note "gpu: $(nvidia-smi --query-gpu=name,memory.total --format=csv,noheader | head -1); $(grep '^torch ' "$OUTDIR/env.txt")"
  else
    note "gpu: nvidia-smi sees a GPU but python3 torch has no CUDA: CPU FALLBACK"
  fi
else
  note "gpu: none (no nvidia-smi): CPU FALLBACK, this is a rehearsal, not a GPU run"
fi
export SLASH_EXPECT_GPU=$GPU

# ---------------------------------------------------------------- 2. the JNI
tb=$(date +%s)
timeout --kill-after=5 $(( DEADLINE - 40 )) bash "$ROOT/tools/gpu/build-jni.sh" "$BUNDLE" > "$OUTDIR/build-jni.log" 2>&1
jrc=$?
if [ $jrc != 0 ]; then
  cat "$OUTDIR/build-jni.log"
  if [ $jrc = 124 ] || [ $jrc = 137 ]; then
    note "jni: build KILLED after $(( DEADLINE - 40 )) s (SLASH_DEADLINE_S=$DEADLINE; raise it on a slow machine)"
  else
    note "jni: BUILD FAILED rc=$jrc (see build-jni.log)"
  fi
  finish 3
fi
cat "$OUTDIR/build-jni.log"
note "jni: $(grep -E 'built libdjl_torch|cached:' "$OUTDIR/build-jni.log" | tail -1 | sed 's/^\[build-jni\] //') ($(( $(date +%s) - tb )) s)"
# shellcheck disable=SC1091
. "$WORK/djl-env.sh"
note "libtorch: $PYTORCH_LIBRARY_PATH ($PYTORCH_VERSION, $PYTORCH_FLAVOR, from $SLASH_TORCH_SOURCE)"

# ---------------------------------------------------------------- 3. the command
export JAVA="$BUNDLE/runtime/bin/java"
export SLASH_CP="$(sed "s|^|$BUNDLE/|" "$BUNDLE/classpath.txt" | paste -sd:)"
export SLASH_OUT="$OUTDIR"
export SLASH_BUNDLE="$BUNDLE"
export DJL_DEFAULT_ENGINE="${DJL_DEFAULT_ENGINE:-PyTorch}"   # the tokenizers jar brings a second engine
export JAVA_OPTS="-Dai.djl.offline=true -Xss4m -Dorg.slf4j.simpleLogger.defaultLogLevel=info -Djava.io.tmpdir=$WORK/tmp ${SLASH_JAVA_OPTS:-}"
mkdir -p "$WORK/tmp"
SMOKE=("$JAVA" $JAVA_OPTS "-Dsmoke.out=$OUTDIR/smoke.json" -cp "$BUNDLE/smoke:$SLASH_CP" GpuSmoke)
if [ $# -gt 0 ] && [ "${SLASH_SMOKE:-1}" = 1 ]; then
  # Before a real command, the smoke program (seconds): no GPU minutes on a broken engine.
  note "smoke first (SLASH_SMOKE=0 skips it)"
  timeout --kill-after=5 120 "${SMOKE[@]}" 2048 10
  src=$?
  note "smoke: rc=$src $(cat "$OUTDIR/smoke.json" 2>/dev/null)"
  [ $src = 0 ] || { note "smoke FAILED: the command is not run"; finish 6; }
  rm -f "$OUTDIR/smoke.json"
fi
if [ $# -eq 0 ]; then
  set -- "${SMOKE[@]}"
  what="smoke"
elif [ "$1" = jmh ]; then
  shift
  # JMH forks inherit the environment (PYTORCH_*, DJL_OFFLINE, ENGINE_CACHE_DIR) and, by default,
  # this JVM's options (so no -jvmArgsAppend: it would repeat them).
  if [ -f "$BUNDLE/jmh/benchmarks.jar" ]; then
    set -- "$JAVA" $JAVA_OPTS -jar "$BUNDLE/jmh/benchmarks.jar" -rf json -rff "$OUTDIR/jmh.json" "$@"
  elif grep -q 'lib/slash-jmh-' "$BUNDLE/classpath.txt" && grep -q 'lib/jmh-core-' "$BUNDLE/classpath.txt"; then
    set -- "$JAVA" $JAVA_OPTS -cp "$SLASH_CP" org.openjdk.jmh.Main -rf json -rff "$OUTDIR/jmh.json" "$@"
  else
    note "jmh: the bundle has no benchmarks (no slash-jmh + jmh-core jars, no jmh/benchmarks.jar)"; finish 4
  fi
  what="jmh"
else
  [ "$1" = -- ] && shift
  what="$1"
fi

# device memory sampled beside the command (the device-wide figure, every 500 ms)
SAMPLER=""
if [ $GPU = 1 ]; then
  echo "timestamp, memory.used [MiB]" > "$OUTDIR/gpu-mem.csv"
  nvidia-smi --query-gpu=timestamp,memory.used --format=csv,noheader,nounits -lms 500 >> "$OUTDIR/gpu-mem.csv" 2>/dev/null &
  SAMPLER=$!
fi
left=$(( DEADLINE - ($(date +%s) - T0) - 10 ))
[ $left -gt 30 ] || { note "command: no time left before the ${DEADLINE}s deadline"; finish 5; }
note "command ($what, deadline ${left}s): $*"
tc=$(date +%s)
timeout --kill-after=5 "$left" "$@"
rc=$?
[ -n "$SAMPLER" ] && kill "$SAMPLER" 2>/dev/null && wait "$SAMPLER" 2>/dev/null
[ $rc = 124 ] && note "command: KILLED at the deadline"
note "command: rc=$rc in $(( $(date +%s) - tc )) s"
if [ -f "$OUTDIR/smoke.json" ]; then note "smoke: $(cat "$OUTDIR/smoke.json")"; fi
if [ -n "$SAMPLER" ]; then
  peak=$(awk -F', *' 'NR>1 && $2+0>p {p=$2+0} END {print p+0}' "$OUTDIR/gpu-mem.csv")
  note "gpu memory: peak ${peak} MiB used device-wide (nvidia-smi, 500 ms samples, gpu-mem.csv)"
fi
finish $rc
