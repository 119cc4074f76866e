# Shared by bin/pyselect4j, bin/test and .ci/run: finding the tools pyselect4j needs.

# java_major JAVA: the major version of that java binary, or nothing. Reads the
# JDK's release file when there is one: starting a JVM to ask costs a second.
pyselect4j_java_major() {
  local release
  release="$(dirname "$(dirname "$1")")/release"
  if [ -f "$release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release"
  else
    "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
  fi
}

# A JDK >= 21: JAVA_HOME if it is one, else the newest suitable one in /usr/lib/jvm, else the java on PATH.
pyselect4j_find_jdk() {
  local candidate major on_path=""
  if command -v javac >/dev/null; then on_path=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")"); fi
  for candidate in "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV) "$on_path"; do
    candidate=${candidate%/}
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(pyselect4j_java_major "$candidate/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then echo "$candidate"; return 0; fi
  done
  return 1
}

# The reference CPython 3.13: PYSELECT4J_REFERENCE_PYTHON, else pyenv's 3.13.x, else python3.13 on PATH.
pyselect4j_reference_python() {
  local candidate
  for candidate in "${PYSELECT4J_REFERENCE_PYTHON:-}" \
      $(ls -d "$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")"/versions/3.13*/bin/python3 2>/dev/null | sort -rV) \
      "$(command -v python3.13 || true)"; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] < (3, 13))' 2>/dev/null && { echo "$candidate"; return 0; }
  done
  return 1
}

# CPython 2.7.18, the reference of the Jython binding's select: PYSELECT4J_PYTHON27, else pyenv's 2.7.x, else python2.7 on PATH.
pyselect4j_python27() {
  local candidate
  for candidate in "${PYSELECT4J_PYTHON27:-}" \
      $(ls -d "$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")"/versions/2.7*/bin/python 2>/dev/null | sort -rV) \
      "$(command -v python2.7 || true)"; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (2, 7))' 2>/dev/null && { echo "$candidate"; return 0; }
  done
  return 1
}

# The folder holding an importable pytest (pure Python, so CPython 3.13 and GraalPy can use it too).
pyselect4j_pytest_path() {
  local python
  for python in python3 /usr/bin/python3; do
    command -v "$python" >/dev/null || continue
    "$python" -c 'import os, pytest; print(os.path.dirname(os.path.dirname(pytest.__file__)))' 2>/dev/null && return 0
  done
  return 1
}

# build_if_stale ROOT STAMP JDK [MAVEN ARGUMENTS...]: when STAMP is missing or a
# source (pom.xml, java/, native/) is newer, runs `mvn install -DskipTests` with
# the arguments under the build lock (one build at a time; the others wait, then
# find it done) and touches STAMP. Messages go to stderr; fails when the build does.
pyselect4j_build_if_stale() {
  local root=$1 stamp=$2 jdk=$3 log
  shift 3
  _pyselect4j_stale() {
    [ ! -f "$stamp" ] || [ -n "$(find "$root/pom.xml" "$root/java" "$root/native" -newer "$stamp" -type f \
                                  -not -path '*/target/*' -not -name .build-lock -print -quit)" ]
  }
  _pyselect4j_stale || return 0
  exec 9>"$root/java/.build-lock"
  flock 9
  if _pyselect4j_stale; then
    command -v mvn >/dev/null || { echo "pyselect4j: needs Maven (mvn) to build itself" >&2; exec 9>&-; return 1; }
    echo "pyselect4j: building (first use or changed sources; takes a few minutes the first time)..." >&2
    log=$(mktemp -t pyselect4j-build.XXXXXX)
    if ! (cd "$root" && JAVA_HOME=$jdk mvn -q -B install -DskipTests "$@" >"$log" 2>&1); then
      cat "$log" >&2
      echo "pyselect4j: build failed (log above, also in $log)" >&2
      exec 9>&-
      return 1
    fi
    rm -f "$log"
    mkdir -p "$(dirname "$stamp")"
    touch "$stamp"  # Maven leaves up-to-date outputs untouched: the stamp records this build
  fi
  exec 9>&-
}
