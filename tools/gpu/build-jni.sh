#!/usr/bin/env bash
# Builds DJL's PyTorch JNI (libdjl_torch.so) against the libtorch of THIS machine and puts it where
# DJL 0.35.1 looks for it, then writes the environment DJL needs into $WORK/djl-env.sh.
#
#   tools/gpu/build-jni.sh [BUNDLE_DIR]          (default: target/gpu-bundle)
#
# The libtorch is found, in this order:
#   1. TORCH_CMAKE_PREFIX + TORCH_LIB_DIR (+ TORCH_INCLUDE_DIR, TORCH_VERSION, TORCH_CUDA) given by hand;
#   2. python3's torch (the GPU box: PyTorch 2.11 + CUDA 13): torch.utils.cmake_prefix_path, torch/lib;
#   3. Debian's libtorch-dev (/usr/lib/x86_64-linux-gnu/cmake/Torch), used to rehearse on a CPU machine.
#
# Knobs: SLASH_GPU_WORK (work/cache folder, default /tmp/slash-gpu), JNI_BUILD=cmake|direct|auto
# (auto: CMake as DJL does, plain g++ if CMake fails), JOBS (default nproc), CXX_STD (override).
# The result is cached under $WORK/jni/<key>/ keyed by the sources, the libtorch and the compiler,
# so a warm machine builds it once.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BUNDLE="$(cd "${1:-$ROOT/target/gpu-bundle}" && pwd)"
WORK="${SLASH_GPU_WORK:-/tmp/slash-gpu}"
MODE="${JNI_BUILD:-auto}"
JOBS="${JOBS:-$(nproc 2>/dev/null || echo 2)}"
SRC="$BUNDLE/djl-src"
NATIVE="$SRC/engines/pytorch/pytorch-native"
say() { printf '[build-jni] %s\n' "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }
# The CUDA toolkit's root. nvcc on PATH may be a wrapper script (/usr/local/bin/nvcc -> exec
# /usr/local/cuda-13.0/bin/nvcc, as on the CPU machine), so try the usual roots before it.
cuda_home() {
  local c n
  n=$(command -v nvcc 2>/dev/null || true)
  for c in "${CUDA_HOME:-}" "${CUDA_PATH:-}" /usr/local/cuda \
           "$( [ -n "$n" ] && dirname "$(dirname "$(readlink -f "$n")")")"; do
    [ -n "$c" ] && [ -x "$c/bin/nvcc" ] && { (cd "$c" && pwd); return 0; }
  done
  return 1
}
[ -f "$NATIVE/CMakeLists.txt" ] || die "no DJL JNI sources in $SRC (run tools/gpu/make-bundle.sh)"
[ -f "$NATIVE/build/include/ai_djl_pytorch_jni_PyTorchLibrary.h" ] || die "JNI header missing from the bundle"
mkdir -p "$WORK"
CXX="${CXX:-$(command -v c++ || command -v g++ || true)}"
[ -n "$CXX" ] || die "no C++ compiler (c++/g++) on PATH"

# Engine/JNI versions the bundled DJL expects.
DJL_VERSION=$(sed -n 's/^djl:  *\([0-9.]*\).*/\1/p' "$BUNDLE/MANIFEST.txt" 2>/dev/null || true)
[ -n "$DJL_VERSION" ] || die "cannot tell the DJL version of the bundle"

# ---------------------------------------------------------------- 1. find libtorch
TORCH_CUDA="${TORCH_CUDA-}"
if [ -n "${TORCH_CMAKE_PREFIX:-}" ] && [ -n "${TORCH_LIB_DIR:-}" ]; then
  TORCH_SOURCE="given by TORCH_CMAKE_PREFIX/TORCH_LIB_DIR"
elif python3 -c 'import torch' >/dev/null 2>&1; then
  TORCH_SOURCE="python3 torch"
  eval "$(python3 - <<'PY'
import os, torch, torch.utils
d = os.path.dirname(torch.__file__)
print(f'TORCH_CMAKE_PREFIX="{torch.utils.cmake_prefix_path}"')
print(f'TORCH_LIB_DIR="{os.path.join(d, "lib")}"')
print(f'TORCH_INCLUDE_DIR="{os.path.join(d, "include")}"')
print(f'TORCH_VERSION="{torch.__version__.split("+")[0]}"')
print(f'TORCH_CUDA="{torch.version.cuda or ""}"')
print(f'TORCH_CXX11_ABI="{int(getattr(torch._C, "_GLIBCXX_USE_CXX11_ABI", True))}"')
cudart = ""
try:
    for line in open("/proc/self/maps"):
        p = line.split()[-1]
        if "/libcudart.so" in p:
            cudart = p; break
except OSError:
    pass
print(f'TORCH_CUDART="{cudart}"')
# DJL System.load()s every lib*.so* in torch/lib (bar torch_*/caffe2_*/cudnn* names): leave out any
# that does not load here, in a process that has torch loaded already (the core ones never).
import ctypes, re
core = {"libtorch.so", "libtorch_cpu.so", "libc10.so", "libtorch_cuda.so", "libc10_cuda.so"}
bad = []
for f in sorted(os.listdir(os.path.join(d, "lib"))):
    if not re.fullmatch(r".*\.so(\.\d+)*", f) or f in core or "torch_" in f or "caffe2_" in f or f.startswith("cudnn"):
        continue
    try:
        ctypes.CDLL(os.path.join(d, "lib", f))
    except OSError:
        bad.append(f)
print(f'TORCH_LIB_EXCLUDE="{",".join(bad)}"')
PY
)"
elif [ -f /usr/lib/x86_64-linux-gnu/cmake/Torch/TorchConfig.cmake ]; then
  TORCH_SOURCE="Debian libtorch-dev"
  TORCH_CMAKE_PREFIX=/usr/lib/x86_64-linux-gnu/cmake
  TORCH_LIB_DIR=/usr/lib/x86_64-linux-gnu
  TORCH_INCLUDE_DIR=/usr/include
else
  die "no libtorch: no python3 torch, no Debian libtorch-dev, no TORCH_CMAKE_PREFIX/TORCH_LIB_DIR"
fi
TORCH_CFG=$(find -L "$TORCH_CMAKE_PREFIX" -maxdepth 3 -name TorchConfig.cmake 2>/dev/null | head -1)
[ -n "$TORCH_CFG" ] || die "no TorchConfig.cmake under $TORCH_CMAKE_PREFIX"
if [ -z "${TORCH_VERSION:-}" ]; then
  TORCH_VERSION=$(sed -n 's/^set(PACKAGE_VERSION "\([0-9.]*\)".*/\1/p' "$(dirname "$TORCH_CFG")/TorchConfigVersion.cmake" | head -1)
fi
TORCH_INCLUDE_DIR="${TORCH_INCLUDE_DIR:-$(cd "$(dirname "$TORCH_CFG")/../../../include" 2>/dev/null && pwd)}"
TORCH_CXX11_ABI="${TORCH_CXX11_ABI:-1}"
[ -f "$TORCH_LIB_DIR/libtorch.so" ] || die "no libtorch.so in $TORCH_LIB_DIR"
[ -n "$TORCH_VERSION" ] || die "cannot tell the libtorch version"
if [ -n "$TORCH_CUDA" ]; then
  FLAVOR="cu$(echo "$TORCH_CUDA" | awk -F. '{printf "%d%d", $1, $2}')"
else
  FLAVOR=cpu
fi
say "libtorch $TORCH_VERSION ($FLAVOR) from $TORCH_SOURCE: $TORCH_LIB_DIR"
say "libs in it: $(cd "$TORCH_LIB_DIR" && ls | grep -E '\.so(\.[0-9]+)*$' | grep -E '^lib(torch|c10|caffe2|shm|gomp)' | paste -sd' ')"
[ -n "${TORCH_LIB_EXCLUDE:-}" ] && say "left out of DJL's loading (do not load alone): $TORCH_LIB_EXCLUDE"

# DJL's own switches (build.sh): V1_13_X for 1.13.1 / 2.0.x / 2.1.x, else none.
PT_VERSION=""
case "$TORCH_VERSION" in 1.13.*|2.0.*|2.1.*) PT_VERSION=V1_13_X ;; esac
# C++ standard: DJL says 17; libtorch >= 2.10 declares CXX_STANDARD 20 on its target (not propagated
# to consumers) and its headers use C++20. Take the larger of the two.
# (Checked: the 2.14 headers stop with "#error C++20 or later compatible compiler is required to use
# ATen" under -std=c++17.) Either sign is enough.
TSTD=$(grep -oE 'CXX_STANDARD [0-9]+' "$TORCH_CFG" | head -1 | awk '{print $2}')
TSTD=${TSTD:-17}
grep -qsE '#error C\+\+20' "$TORCH_INCLUDE_DIR/ATen/ATen.h" && [ "$TSTD" -lt 20 ] && TSTD=20
STD="${CXX_STD:-$(( TSTD > 17 ? TSTD : 17 ))}"

# USE_CUDA compiles DJL's three CUDA calls (CUDACachingAllocator::emptyCache, a side stream for
# TorchScript inference) and with them ATen/cuda/CUDAContext.h, which needs the cuBLAS, cuSPARSE and
# cuSOLVER headers. Without USE_CUDA the JNI still drives CUDA tensors (the ops dispatch inside
# libtorch_cuda); only those three calls become no-ops. So: USE_CUDA where the headers exist.
JNI_CUDA=0
if [ "$FLAVOR" != cpu ]; then
  JNI_CUDA=1
  sp=$(cd "$TORCH_LIB_DIR/../.." && pwd)
  ch=$(cuda_home || echo /usr/local/cuda)
  for h in cuda_runtime_api.h cublas_v2.h cublasLt.h cusparse.h cusolverDn.h; do
    found=$(ls "$ch/include/$h" "$sp"/nvidia/*/include/"$h" 2>/dev/null | head -1 || true)
    if [ -z "$found" ]; then say "no $h (toolkit $ch, nvidia wheels in $sp): JNI without USE_CUDA"; JNI_CUDA=0; fi
  done
fi

# ---------------------------------------------------------------- 2. cache key
CXX_ID=$("$CXX" --version | head -1)
KEY=$( { echo "v3 $DJL_VERSION $TORCH_VERSION $FLAVOR cuda=$JNI_CUDA $STD $PT_VERSION $TORCH_LIB_DIR $CXX_ID";
         (cd "$SRC" && find . -type f | LC_ALL=C sort | xargs sha1sum);
         stat -Lc '%s %Y' "$TORCH_LIB_DIR/libtorch_cpu.so" "$TORCH_LIB_DIR/libtorch.so";
         sha1sum "${BASH_SOURCE[0]}"; } | sha1sum | cut -c1-16)
OUTDIR="$WORK/jni/$KEY"
LIB="$OUTDIR/libdjl_torch.so"

# ---------------------------------------------------------------- 3. build (or reuse)
build_cmake() {
  local bdir="$OUTDIR/cmake-build"
  rm -rf "$bdir"; mkdir -p "$bdir"
  local args=(-S "$OUTDIR/src/engines/pytorch/pytorch-native" -B "$bdir"
    -DCMAKE_BUILD_TYPE=Release "-DCMAKE_PREFIX_PATH=$TORCH_CMAKE_PREFIX" -DCMAKE_POLICY_VERSION_MINIMUM=3.5
    "-DCMAKE_CXX_COMPILER=$CXX" "-DCMAKE_SHARED_LINKER_FLAGS=-Wl,--as-needed"
    "-DJAVA_INCLUDE_PATH=$OUTDIR/src/jdk-include" "-DJAVA_INCLUDE_PATH2=$OUTDIR/src/jdk-include/linux"
    "-DJAVA_JVM_LIBRARY=$BUNDLE/runtime/lib/server/libjvm.so")
  [ -n "$PT_VERSION" ] && args+=("-DPT_VERSION=$PT_VERSION")
  if [ "$FLAVOR" != cpu ]; then
    [ "$JNI_CUDA" = 1 ] && args+=(-DUSE_CUDA=1)
    local ch; ch=$(cuda_home || true)
    if [ -n "$ch" ]; then
      args+=("-DCUDA_TOOLKIT_ROOT_DIR=$ch" "-DCUDAToolkit_ROOT=$ch" "-DCMAKE_CUDA_COMPILER=$ch/bin/nvcc")
    fi
    export TORCH_CUDA_ARCH_LIST="${TORCH_CUDA_ARCH_LIST:-9.0}"
    # cuDNN from the nvidia-cudnn wheel (Caffe2's cmake only warns without it)
    local sp; sp=$(cd "$TORCH_LIB_DIR/../.." && pwd)
    local cudnn_h; cudnn_h=$(find "$sp/nvidia" -name cudnn.h -path '*include*' 2>/dev/null | head -1)
    local cudnn_so; cudnn_so=$(find "$sp/nvidia" -name 'libcudnn.so*' 2>/dev/null | head -1)
    [ -n "$cudnn_h" ] && args+=("-DCUDNN_INCLUDE_PATH=$(dirname "$cudnn_h")")
    [ -n "$cudnn_so" ] && args+=("-DCUDNN_LIBRARY_PATH=$cudnn_so")
    # ATen/cuda/CUDAContext.h includes cublas/cusparse/cusolver headers: where the toolkit lacks them,
    # the nvidia-* wheels beside torch have them (-idirafter: the toolkit's copy wins).
    local extra=""
    for d in "$sp"/nvidia/*/include; do [ -d "$d" ] && extra="$extra -idirafter $d"; done
    [ -n "$extra" ] && args+=("-DCMAKE_CXX_FLAGS=$extra")
  fi
  say "cmake ${args[*]}"
  cmake "${args[@]}" > "$OUTDIR/cmake-configure.log" 2>&1 || { tail -40 "$OUTDIR/cmake-configure.log" >&2; return 1; }
  cmake --build "$bdir" -j "$JOBS" > "$OUTDIR/cmake-build.log" 2>&1 || { grep -E 'error|Error' "$OUTDIR/cmake-build.log" | head -40 >&2; return 1; }
  cp "$bdir/libdjl_torch.so" "$LIB"
}

build_direct() {
  # The same compile without CMake: every .cc with the flags TorchConfig would give, then one link.
  # $1=nocuda: leave USE_CUDA out (see JNI_CUDA below).
  local s="$OUTDIR/src" o="$OUTDIR/direct-build" cuda=1
  [ "$FLAVOR" = cpu ] || [ "${1:-}" = nocuda ] && cuda=0
  rm -rf "$o"; mkdir -p "$o"
  local inc=(-I"$s/engines/pytorch/pytorch-native/build/include" -I"$s/jdk-include" -I"$s/jdk-include/linux"
             -I"$s/api/src/main/native" -I"$TORCH_INCLUDE_DIR" -I"$TORCH_INCLUDE_DIR/torch/csrc/api/include")
  local defs=(-D_GLIBCXX_USE_CXX11_ABI="$TORCH_CXX11_ABI")
  [ -n "$PT_VERSION" ] && defs+=(-D"$PT_VERSION")
  local libs=(-ltorch -ltorch_cpu -lc10)
  [ "$FLAVOR" != cpu ] && libs+=(-ltorch_cuda -lc10_cuda)
  if [ $cuda = 1 ]; then
    defs+=(-DUSE_CUDA)
    local ch; ch=$(cuda_home || true)
    [ -n "$ch" ] && [ -d "$ch/include" ] && inc+=(-I"$ch/include")
    local sp; sp=$(cd "$TORCH_LIB_DIR/../.." && pwd)
    for d in "$sp"/nvidia/*/include; do [ -d "$d" ] && inc+=(-idirafter "$d"); done
  fi
  printf '%s\n' "$s"/engines/pytorch/pytorch-native/src/main/native/*.cc > "$o/files"
  say "direct: $CXX -std=c++$STD ${defs[*]} on $(wc -l < "$o/files") files, -j$JOBS"
  export CXX STD o
  local flags="${inc[*]} ${defs[*]}"
  export flags
  xargs -P "$JOBS" -I{} sh -c '$CXX -std=c++$STD -O2 -fPIC $flags -c "{}" -o "$o/$(basename "{}" .cc).o" 2>>"$o/errors.log" || echo "FAILED {}" >>"$o/errors.log"' < "$o/files"
  if grep -q FAILED "$o/errors.log" 2>/dev/null; then grep -E 'error|FAILED' "$o/errors.log" | head -40 >&2; return 1; fi
  "$CXX" -shared -o "$LIB" "$o"/*.o -L"$TORCH_LIB_DIR" -Wl,--no-as-needed "${libs[@]}" -Wl,-rpath,'$ORIGIN' \
    > "$o/link.log" 2>&1 || { cat "$o/link.log" >&2; return 1; }
}

if [ -f "$LIB" ]; then
  say "cached: $LIB"
else
  t0=$(date +%s)
  rm -rf "$OUTDIR"; mkdir -p "$OUTDIR"
  cp -r "$SRC" "$OUTDIR/src"
  # Source patches (each only where the installed libtorch needs it):
  #  - the C++ standard (see STD above)
  sed -i "s/PROPERTY CXX_STANDARD 17)/PROPERTY CXX_STANDARD $STD)/" "$OUTDIR/src/engines/pytorch/pytorch-native/CMakeLists.txt"
  grep -q "CXX_STANDARD $STD)" "$OUTDIR/src/engines/pytorch/pytorch-native/CMakeLists.txt" || die "CMakeLists.txt patch (CXX_STANDARD) did not apply"
  ok=""
  case "$MODE" in
    cmake)  build_cmake && ok=cmake ;;
    direct) build_direct && ok=direct ;;
    *)      if build_cmake; then ok=cmake
            else
              say "CMake build failed: trying the direct g++ build"
              if build_direct; then ok=direct
              elif [ "$JNI_CUDA" = 1 ]; then
                say "direct build with USE_CUDA failed: trying without USE_CUDA"
                build_direct nocuda && ok="direct, no USE_CUDA" && JNI_CUDA=0
              fi
            fi ;;
  esac
  [ -n "$ok" ] && [ -f "$LIB" ] || die "JNI build failed (logs in $OUTDIR)"
  echo "$ok" > "$OUTDIR/built-with"
  say "built libdjl_torch.so with $ok in $(( $(date +%s) - t0 )) s (C++$STD${PT_VERSION:+, $PT_VERSION}, $FLAVOR, USE_CUDA=$JNI_CUDA)"
fi
say "NEEDED: $(readelf -d "$LIB" 2>/dev/null | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p' | paste -sd' ')"

# ---------------------------------------------------------------- 4. where DJL looks, and its env
# With PYTORCH_LIBRARY_PATH set, LibUtils takes libtorch from that folder (loading every lib*.so in
# it) and the JNI from $ENGINE_CACHE_DIR/pytorch/<PYTORCH_VERSION>-<PYTORCH_FLAVOR>-<classifier>/
# <djl_version>-libdjl_torch.so (checked before anything is extracted or downloaded).
LIBDIR="$TORCH_LIB_DIR"
case "$TORCH_LIB_DIR" in
  */torch/lib) ;;   # pip's torch/lib holds libtorch alone: use it as is (its RPATHs need the real path)
  *)  # a system folder (Debian): DJL would System.load every library in it, so give it a view
      LIBDIR="$WORK/libtorch-view-$TORCH_VERSION"
      rm -rf "$LIBDIR"; mkdir -p "$LIBDIR"
      for l in libtorch.so libtorch_cpu.so libc10.so libtorch_cuda.so libc10_cuda.so; do
        [ -e "$TORCH_LIB_DIR/$l" ] && ln -s "$(readlink -f "$TORCH_LIB_DIR/$l")" "$LIBDIR/$l"
      done ;;
esac
CACHE="$WORK/djl-cache"
JNI_DIR="$CACHE/pytorch/$TORCH_VERSION-$FLAVOR-linux-x86_64"
mkdir -p "$JNI_DIR"
cp "$LIB" "$JNI_DIR/$DJL_VERSION-libdjl_torch.so"

# DJL's CudaUtils finds the GPU through JNA's Native.load("cudart"): give it the very libcudart that
# torch loaded, under the unversioned name JNA asks dlopen for.
LDP=""
if [ "$FLAVOR" != cpu ]; then
  CUDART="${TORCH_CUDART:-}"
  if [ -z "$CUDART" ]; then
    CUDART=$(find "$(cd "$TORCH_LIB_DIR/../.." && pwd)/nvidia" /usr/local/cuda/lib64 -name 'libcudart.so.*' 2>/dev/null | sort | tail -1 || true)
  fi
  if [ -n "$CUDART" ]; then
    mkdir -p "$WORK/cudart"
    ln -sfn "$CUDART" "$WORK/cudart/libcudart.so"
    LDP="$WORK/cudart"
    say "cudart for DJL's CudaUtils: $CUDART"
  else
    say "WARNING: no libcudart found: DJL will report 0 GPUs"
  fi
fi

cat > "$WORK/djl-env.sh" <<EOF
# written by tools/gpu/build-jni.sh: source it before starting Java
export PYTORCH_LIBRARY_PATH="$LIBDIR"
export PYTORCH_VERSION="$TORCH_VERSION"
export PYTORCH_FLAVOR="$FLAVOR"
export ENGINE_CACHE_DIR="$CACHE"
export DJL_CACHE_DIR="$CACHE"
export DJL_OFFLINE=true
export PYTORCH_LIBRARY_EXCLUSION="${TORCH_LIB_EXCLUDE:-}"
export SLASH_JNI="$JNI_DIR/$DJL_VERSION-libdjl_torch.so"
export SLASH_TORCH_SOURCE="$TORCH_SOURCE"
EOF
if [ -n "$LDP" ]; then
  echo "export LD_LIBRARY_PATH=\"$LDP\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}\"" >> "$WORK/djl-env.sh"
fi
say "JNI: $JNI_DIR/$DJL_VERSION-libdjl_torch.so"
say "env: $WORK/djl-env.sh"
