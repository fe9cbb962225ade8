#!/usr/bin/env bash
# Builds target/gpu-bundle/: everything the air-gapped GPU machine needs to run the project's DJL code
# on the PyTorch that machine already has (it has no JDK, no Maven, no network, and each call carries
# at most ~60 MB of git-ignored files). See tools/gpu/README.md.
#
#   tools/gpu/make-bundle.sh                 # build core+djl(+jmh) with Maven (offline), then bundle
#   SKIP_MVN=1 tools/gpu/make-bundle.sh      # bundle the jars already under */target
#
# Knobs (environment):
#   BUNDLE_MODULES   reactor modules whose jars and runtime classpath go in (default "core djl",
#                    plus "jmh" when jmh/pom.xml exists: the jmh hook, see below)
#   BUNDLE_EXCLUDE_EXTRA  an extra regex of jar paths to leave out (e.g. '/nd4j-[^/]*\.jar$')
#   BUNDLE_JMH_SHADED=1   also bundle jmh/target/benchmarks.jar (stripped of natives and models)
#   DJL_SRC          a DJL checkout (or bare git dir) holding tag v$DJL_VERSION; default: the mirror
#                    /work/.mirror/deepjavalibrary+djl/repo if present
#   DJL_VERSION      default 0.35.1 (must match the pytorch-engine jar on the classpath)
#   JLINK_EXTRA_MODULES  added to the jdeps result (comma separated)
#   JLINK_DROP_MODULES   removed from it (default java.desktop: only DJL's image/audio and
#                    jfreechart use it, none of which runs on the GPU box)
#   BUNDLE_MAX_MB    fail above this size (default 55)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
B="$ROOT/target/gpu-bundle"
DJL_VERSION="${DJL_VERSION:-0.35.1}"
MODULES="${BUNDLE_MODULES:-core djl}"
# The jmh hook: the benchmark module's thin jar (with its generated META-INF/BenchmarkList) and its
# runtime classpath go in lib/ like the others; run-on-gpu.sh runs org.openjdk.jmh.Main from them.
# Its shaded jmh/target/benchmarks.jar would duplicate lib/ (and carry every native): only with
# BUNDLE_JMH_SHADED=1.
if [ -f "$ROOT/jmh/pom.xml" ] && [ -z "${BUNDLE_MODULES:-}" ]; then MODULES="$MODULES jmh"; fi
MAX_MB="${BUNDLE_MAX_MB:-55}"
JAVA_HOME="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}"
say() { printf '[make-bundle] %s\n' "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }

[ -d "$JAVA_HOME/jmods" ] || die "no $JAVA_HOME/jmods: jlink needs a full JDK 17 (Debian: openjdk-17-jdk)"
for t in jlink jdeps javac javap; do [ -x "$JAVA_HOME/bin/$t" ] || die "missing $JAVA_HOME/bin/$t"; done
command -v zip >/dev/null || die "zip is needed (apt-get install zip)"

# ---------------------------------------------------------------- 1. the project's jars
pl=$(echo $MODULES | tr ' ' ',')
if [ -z "${SKIP_MVN:-}" ]; then
  say "mvn -o package ($pl, -am) + runtime classpath; never install"
  mvn -B -o -q -pl "$pl" -am package -DskipTests -Dslash.repro.skip=true \
      dependency:build-classpath -Dmdep.outputFile=target/gpu-classpath.txt -DincludeScope=runtime \
    || die "Maven build failed (run it by hand: mvn -B -o package -pl $pl -am -DskipTests -Dslash.repro.skip=true)"
fi

rm -rf "$B"
mkdir -p "$B/lib" "$B/jmh" "$B/smoke" "$B/djl-src" "$B/tmp"

# Jars that must not travel: the PyTorch natives (CPU build, 112 MB; the GPU box brings its own torch),
# DJL's prebuilt JNI (built for 2.7.1; ours is built there), the MiniLM model (90 MB), ND4J/openblas
# natives, onnxruntime (tests only), test frameworks.
EXCLUDE='/(pytorch-native-[^/]*|pytorch-jni-[^/]*|langchain4j-embeddings-[^/]*|onnxruntime-[^/]*|nd4j-native[^/]*|openblas-[^/]*|javacpp-[^/]*-linux[^/]*|junit-[^/]*|opentest4j-[^/]*|apiguardian-[^/]*)\.jar$'
: > "$B/tmp/jars"
for m in $MODULES; do
  [ -f "$m/target/gpu-classpath.txt" ] || die "$m/target/gpu-classpath.txt missing (run without SKIP_MVN once)"
  { tr ':' '\n' < "$m/target/gpu-classpath.txt"; echo; } >> "$B/tmp/jars"
  ls "$ROOT/$m"/target/*.jar | grep -vE -- '-(tests|sources|javadoc)\.jar$' | grep -v 'benchmarks.jar' >> "$B/tmp/jars"
done
[ -n "${BUNDLE_EXCLUDE_EXTRA:-}" ] && EXCLUDE="$EXCLUDE|${BUNDLE_EXCLUDE_EXTRA}"
grep -v '^$' "$B/tmp/jars" | grep -vE "$EXCLUDE" | grep -vE '/target/(test-)?classes$' \
  | awk '{n=$0; sub(/.*\//, "", n)} !seen[n]++' > "$B/tmp/jars.keep"
grep -E "$EXCLUDE" "$B/tmp/jars" | sort -u | sed 's|.*/||' > "$B/tmp/jars.dropped" || true
: > "$B/classpath.txt"
while read -r j; do
  [ -f "$j" ] || die "jar not found: $j"
  name=$(basename "$j")
  case "$name" in
    tokenizers-*.jar)
      # DJL's HF tokenizers jar carries natives for 4 platforms (18 MB): keep linux-x86_64 only.
      cp "$j" "$B/lib/$name"
      zip -q -d "$B/lib/$name" 'native/lib/linux-aarch64/*' 'native/lib/osx-*' 'native/lib/win-*' >/dev/null ;;
    *) cp "$j" "$B/lib/$name" ;;
  esac
  printf 'lib/%s\n' "$name" >> "$B/classpath.txt"
done < "$B/tmp/jars.keep"
grep -q 'lib/pytorch-engine-' "$B/classpath.txt" || die "no pytorch-engine jar among the modules' dependencies"
# A logger binding, so that DJL says where it loads libtorch and the JNI from (test scope in the poms).
api=$(grep '/slf4j-api-[^/]*\.jar$' "$B/tmp/jars.keep" | head -1 || true)
simple="${api//slf4j-api/slf4j-simple}"
if [ -n "$api" ] && [ -f "$simple" ] && ! grep -q 'lib/slf4j-simple-' "$B/classpath.txt"; then
  cp "$simple" "$B/lib/" && printf 'lib/%s\n' "$(basename "$simple")" >> "$B/classpath.txt"
fi

# The jmh hook: the benchmark module's shaded jar, when its author has produced one. Stripped of
# what cannot or must not travel (natives of every engine, the MiniLM model, DJL's 2.7.1 JNI).
JMH_JAR="$ROOT/jmh/target/benchmarks.jar"
if [ -n "${BUNDLE_JMH_SHADED:-}" ] && [ -f "$JMH_JAR" ]; then
  cp "$JMH_JAR" "$B/jmh/benchmarks.jar"
  zip -q -d "$B/jmh/benchmarks.jar" 'pytorch/*' 'jnilib/*' 'native/lib/pytorch.properties' \
      'native/lib/linux-aarch64/*' 'native/lib/osx-*' 'native/lib/win-*' 'ai/onnxruntime/native/*' \
      'org/nd4j/linux-x86_64/*' 'org/bytedeco/*/linux-x86_64/*' 'org/bytedeco/*/linux-*/*' '*.onnx' \
      >/dev/null 2>&1 || true
  say "jmh hook: bundled $(du -h "$B/jmh/benchmarks.jar" | cut -f1) of jmh/target/benchmarks.jar (stripped)"
elif ls "$B"/lib/slash-jmh-*.jar >/dev/null 2>&1; then
  if unzip -l "$B"/lib/slash-jmh-*.jar 2>/dev/null | grep -q 'META-INF/BenchmarkList'; then
    say "jmh hook: $(basename "$B"/lib/slash-jmh-*.jar) with its BenchmarkList (run-on-gpu.sh jmh ...)"
  else
    say "jmh hook: $(basename "$B"/lib/slash-jmh-*.jar) has no benchmarks yet (no META-INF/BenchmarkList)"
  fi
fi

# ---------------------------------------------------------------- 2. the Java runtime (jlink)
# jdeps chokes on some modular jars (nd4j-api's descriptor names a missing package, jackson-databind
# needs its siblings as modules): analyse copies without module-info, one jar at a time.
mkdir -p "$B/tmp/jdeps"
mods=""
for j in "$B"/lib/*.jar $( [ -f "$B/jmh/benchmarks.jar" ] && echo "$B/jmh/benchmarks.jar" ); do
  c="$B/tmp/jdeps/$(basename "$j")"
  cp "$j" "$c"
  zip -q -d "$c" 'module-info.class' 'META-INF/versions/*/module-info.class' >/dev/null 2>&1 || true
  m=$("$JAVA_HOME/bin/jdeps" --multi-release 17 --print-module-deps --ignore-missing-deps -q "$c" 2>/dev/null | tail -1) \
    || die "jdeps failed on $(basename "$j")"
  mods="$mods,$m"
done
# JMH's profilers: -prof gc/stack/jfr need jdk.management and jdk.jfr; JNA and netty-style code use
# jdk.unsupported; DJL reads zip/jar resources (jdk.zipfs).
mods="$mods,jdk.management,jdk.jfr,jdk.unsupported,jdk.zipfs${JLINK_EXTRA_MODULES:+,$JLINK_EXTRA_MODULES}"
drop=",${JLINK_DROP_MODULES-java.desktop},"
mods=$(echo "$mods" | tr ',' '\n' | grep -v '^$' | sort -u | while read -r x; do
  case "$drop" in *",$x,"*) ;; *) echo "$x" ;; esac; done | paste -sd, -)
say "jlink modules: $mods"
"$JAVA_HOME/bin/jlink" --add-modules "$mods" --strip-debug --no-header-files --no-man-pages \
    --compress=2 --output "$B/runtime"
# Debian's libjvm.so keeps its symbol table (4 MB): strip it, the runtime does not need it.
if command -v strip >/dev/null; then
  chmod u+w "$B/runtime/lib/server/libjvm.so"
  strip --strip-unneeded "$B/runtime/lib/server/libjvm.so"
fi
# jlink links the per-module legal files to java.base's: plain copies travel more safely.
find "$B/runtime" -type l | while read -r l; do t=$(readlink -f "$l"); rm "$l"; cp "$t" "$l"; done
"$B/runtime/bin/java" -version 2>&1 | head -1 >&2

# ---------------------------------------------------------------- 3. DJL's JNI sources (v$DJL_VERSION)
DJL_SRC="${DJL_SRC:-/work/.mirror/deepjavalibrary+djl/repo}"
[ -e "$DJL_SRC" ] || die "DJL sources not found: set DJL_SRC to a clone of https://github.com/deepjavalibrary/djl (tag v$DJL_VERSION)"
paths="engines/pytorch/pytorch-native/CMakeLists.txt engines/pytorch/pytorch-native/build.sh
       engines/pytorch/pytorch-native/src/main/native engines/pytorch/pytorch-native/src/main/patch
       api/src/main/native engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch/jni/PyTorchLibrary.java
       LICENSE NOTICE"
if git --git-dir="$DJL_SRC" rev-parse -q --verify "v$DJL_VERSION^{commit}" >/dev/null 2>&1; then
  git --git-dir="$DJL_SRC" archive "v$DJL_VERSION" $paths | tar -x -C "$B/djl-src"
elif git -C "$DJL_SRC" rev-parse -q --verify "v$DJL_VERSION^{commit}" >/dev/null 2>&1; then
  git -C "$DJL_SRC" archive "v$DJL_VERSION" $paths | tar -x -C "$B/djl-src"
else
  die "$DJL_SRC has no tag v$DJL_VERSION"
fi
echo "deepjavalibrary/djl v$DJL_VERSION ($(git --git-dir="$DJL_SRC" rev-parse "v$DJL_VERSION^{commit}" 2>/dev/null || git -C "$DJL_SRC" rev-parse "v$DJL_VERSION^{commit}"))" \
  > "$B/djl-src/SOURCE.txt"

# The JNI header (javac -h): the GPU box has no javac, so it is generated here, from the very
# PyTorchLibrary.java of the tag, compiled against the bundled DJL jars.
NATIVE="$B/djl-src/engines/pytorch/pytorch-native"
cp_jars=$(sed "s|^|$B/|" "$B/classpath.txt" | paste -sd:)
"$JAVA_HOME/bin/javac" -nowarn -h "$NATIVE/build/include" -d "$B/tmp/jni-classes" -cp "$cp_jars" \
    "$B/djl-src/engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch/jni/PyTorchLibrary.java"
# Sanity: the tag's native methods are the ones of the pytorch-engine jar we ship.
engine_jar=$(grep 'lib/pytorch-engine-' "$B/classpath.txt")
a=$("$JAVA_HOME/bin/javap" -p -cp "$B/$engine_jar" ai.djl.pytorch.jni.PyTorchLibrary | grep ' native ' | sort | sha1sum)
b=$("$JAVA_HOME/bin/javap" -p -cp "$B/tmp/jni-classes" ai.djl.pytorch.jni.PyTorchLibrary | grep ' native ' | sort | sha1sum)
[ "$a" = "$b" ] || die "PyTorchLibrary natives of v$DJL_VERSION differ from $(basename "$engine_jar")"
# jni.h / jni_md.h for the C++ build (the jlink runtime has no header files).
mkdir -p "$B/djl-src/jdk-include/linux"
cp "$JAVA_HOME/include/jni.h" "$B/djl-src/jdk-include/"
cp "$JAVA_HOME/include/linux/jni_md.h" "$B/djl-src/jdk-include/linux/"

# ---------------------------------------------------------------- 4. the smoke program
"$JAVA_HOME/bin/javac" -nowarn --release 17 -d "$B/smoke" -cp "$cp_jars" "$ROOT"/tools/gpu/smoke/*.java

# ---------------------------------------------------------------- 5. manifest, size
{
  echo "slash-repro GPU bundle"
  echo "built:   $(date -u +%Y-%m-%dT%H:%M:%SZ) from $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (+uncommitted changes)')"
  echo "djl:     $DJL_VERSION (pytorch-engine; JNI built on the target against its own libtorch)"
  echo "java:    $("$B/runtime/bin/java" -version 2>&1 | head -1)"
  echo "modules: $mods"
  echo "left out: $(paste -sd' ' "$B/tmp/jars.dropped")"
  echo
  du -sh "$B/runtime" "$B/lib" "$B/jmh" "$B/djl-src" "$B/smoke" | sed "s|$B/||"
  echo
  (cd "$B" && ls -l lib | awk 'NR>1 {printf "%8d KB  %s\n", $5/1024, $9}')
} > "$B/MANIFEST.txt"
rm -rf "$B/tmp"
total_kb=$(du -sk "$B" | cut -f1)
echo "total:   $((total_kb / 1024)) MB ($total_kb KB)" >> "$B/MANIFEST.txt"
cat "$B/MANIFEST.txt" >&2
[ "$total_kb" -le $((MAX_MB * 1024)) ] || die "bundle is $((total_kb / 1024)) MB, over BUNDLE_MAX_MB=$MAX_MB"
say "ok: $B ($((total_kb / 1024)) MB); carry it as target/gpu-bundle"
