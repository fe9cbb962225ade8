#!/usr/bin/env bash
# Tries ND4J's CUDA backend (nd4j-cuda-11.6, 1.0.0-M2.1) once on a GPU machine and records what
# happens, in a few minutes: the GPU (nvidia-smi), the CUDA libraries found, the project's own
# start-up check (SdCudaSupport), then one op of each kind the DL4J engine needs
# (tools/Nd4jCudaProbe.java). Everything goes to stdout and to the log file.
#
# IT CANNOT RUN ON THE PROJECT'S OWN MACHINES: they have no GPU. It needs an NVIDIA GPU and driver,
# Maven Central (the cuda profile's artifacts, about 1.5 GB with pytorch-native-cu124), and CUDA
# 11.6 runtime libraries (cudart, cublas, cusolver, cudnn 8) on the library path, or
# org.bytedeco:cuda:11.6-8.3-1.5.7:linux-x86_64-redist on the class path (PROBE_REDIST=1 adds it;
# another 1.8 GB). Expected on Hopper (H100/H200, compute capability 9.0): the start-up check stops
# the run with one sentence, and a direct op fails with "no kernel image is available".
#
# usage: tools/nd4j-cuda-probe.sh [log file]   (default: target/nd4j-cuda-probe.log)
# It packages the reactor with -Pcuda (never installs: the SNAPSHOT jars in ~/.m2 stay as they are).
set -uo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
log="${1:-$here/target/nd4j-cuda-probe.log}"
mkdir -p "$(dirname "$log")"
exec > >(tee "$log") 2>&1
cd "$here"
echo "== nd4j-cuda probe, $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD 2>/dev/null)"
echo "== GPU"
nvidia-smi --query-gpu=name,compute_cap,driver_version,memory.total --format=csv \
  || echo "nvidia-smi failed: no NVIDIA driver here, so ND4J's CUDA backend cannot load"
echo "== CUDA libraries on the loader path"
ldconfig -p 2>/dev/null | grep -E "libcudart|libcublas\.|libcudnn\.|libcusolver\." \
  || echo "(none found by ldconfig)"
echo "== build (mvn -Pcuda package, tests skipped)"
if ! timeout 900 mvn -B -q -Pcuda -pl dl4j -am package dependency:build-classpath \
    -DskipTests -Dslash.repro.skip=true -Dmdep.includeScope=runtime \
    -Dmdep.outputFile=target/cuda-classpath.txt; then
  echo "probe: build FAILED (artifacts not reachable?)"; exit 1
fi
cp="dl4j/target/classes:$(cat dl4j/target/cuda-classpath.txt)"
if [ "${PROBE_REDIST:-0}" = 1 ]; then
  timeout 900 mvn -B -q dependency:get -Dartifact=org.bytedeco:cuda:11.6-8.3-1.5.7:jar:linux-x86_64-redist \
    && cp="$cp:$HOME/.m2/repository/org/bytedeco/cuda/11.6-8.3-1.5.7/cuda-11.6-8.3-1.5.7-linux-x86_64-redist.jar"
fi
echo "== probe (java tools/Nd4jCudaProbe.java)"
timeout 600 java -Dorg.bytedeco.javacpp.maxphysicalbytes=8G -cp "$cp" tools/Nd4jCudaProbe.java
status=$?
echo "== exit status $status (0: ND4J's CUDA backend ran every step; 124: timed out)"
exit $status
