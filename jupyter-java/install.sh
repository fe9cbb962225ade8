#!/usr/bin/env bash
# Installs the Jupyter kernel "Java (slash-repro)" (kernelspec name slash-repro-java): a JShell
# kernel with the project's modules on its class path. `./slash notebook install` calls this.
#
#   jupyter-java/install.sh                 build, then register for this user (jupyter kernelspec install --user)
#   jupyter-java/install.sh --prefix DIR    register under DIR/share/jupyter/kernels instead
#   jupyter-java/install.sh --no-build      register what target/ already holds
#
# The kernelspec runs the jars where Maven built them (jupyter-java/target, the modules' target/
# folders, ~/.m2): after `mvn clean`, run this again. A rebuilt module is picked up when the kernel
# restarts. JVM options of the kernel: see slash.jupyter.kernel.KernelSpec (the launcher's:
# -Dorg.bytedeco.javacpp.maxphysicalbytes=8G, -Dai.djl.offline=true, OMP_WAIT_POLICY=PASSIVE).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
name=slash-repro-java
target=(--user)
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) [ $# -ge 2 ] || { echo "--prefix needs a folder" >&2; exit 2; }
              target=(--prefix "$2"); shift 2 ;;
    --prefix=*) target=(--prefix "${1#--prefix=}"); shift ;;
    --user) target=(--user); shift ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

debian_packages="jupyter-notebook jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel"
if ! command -v jupyter >/dev/null 2>&1 || ! jupyter kernelspec --version >/dev/null 2>&1; then
  echo "Jupyter is not installed (no 'jupyter kernelspec' command). On Debian or Ubuntu:" >&2
  echo "  sudo apt-get install $debian_packages" >&2
  exit 1
fi
command -v java >/dev/null 2>&1 || { echo "no java on the PATH (Java 17 or newer is needed)" >&2; exit 1; }

if [ "$build" = 1 ]; then
  command -v mvn >/dev/null 2>&1 || { echo "no mvn on the PATH (Maven 3.8 or newer is needed)" >&2; exit 1; }
  echo "building jupyter-java and the modules it needs ..." >&2
  (cd "$root" && mvn -B -q -pl jupyter-java -am package -DskipTests)
fi

jar="$(ls "$here"/target/slash-jupyter-java-*.jar 2>/dev/null | grep -v -e '-sources' -e '-tests' | head -n 1 || true)"
classpath_file="$here/target/classpath.txt"
if [ -z "$jar" ] || [ ! -f "$classpath_file" ]; then
  echo "no kernel jar or class path in $here/target; run without --no-build" >&2
  exit 1
fi
classpath="$jar:$(cat "$classpath_file")"

spec="$(mktemp -d)"
trap 'rm -rf "$spec"' EXIT
java -cp "$classpath" slash.jupyter.kernel.KernelSpec --dir "$spec/$name" --classpath "$classpath" >/dev/null
jupyter kernelspec install "${target[@]}" --name "$name" "$spec/$name" >&2
echo "installed the kernel \"Java (slash-repro)\" ($name); try: jupyter notebook $here/notebooks" >&2
