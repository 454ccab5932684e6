#!/usr/bin/env bash
# Shared by scripts/vigil and scripts/bench: build when stale, the classpath, the Java 17 flags Spark needs.
ROOT="${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
STAMP="$ROOT/target/.vigil-build-stamp"
CDS_ARCHIVE="$ROOT/target/vigil-cds.jsa" # vigil_java, below
CDS_MIN_BYTES=$((20 * 1024 * 1024))

# Local runs build lean (no hadoop-aws / AWS SDK: -Dvigil.lean) unless VIGIL_S3=1 asks for s3a:// support; tests are
# neither compiled nor run. A first build on a fresh machine downloads the dependencies into ~/.m2: it says so and
# prints its progress instead of staying silent.
vigil_build() {
  local mode=lean flags=(-Dvigil.lean)
  if [[ "${VIGIL_S3:-}" == 1 ]]; then mode=s3 flags=(); fi
  if [[ -f "$STAMP" && "$(cat "$STAMP" 2>/dev/null)" == "$mode" && -f "$ROOT/target/cp.txt" \
        && -f "$ROOT/target/vigil-local.jar" ]] \
     && [[ -z "$(find "$ROOT/src/main" "$ROOT/pom.xml" "$ROOT/conf" -newer "$STAMP" -print -quit 2>/dev/null)" ]]; then
    return 0
  fi
  local repo="${MAVEN_REPO:-$HOME/.m2/repository}"
  if [[ ! -d "$repo/org/apache/spark/spark-core_2.12" ]]; then
    echo "building Vigil for the first time: Maven downloads its dependencies (Spark, Delta, Hadoop and Maven's plugins: about 360 MB;" \
      "the AWS SDK for s3a:// only with VIGIL_S3=1) into $repo; this takes a few minutes, progress below" >&2
  else
    echo "building Vigil (mvn compile, $mode) ..." >&2
  fi
  rm -f "$CDS_ARCHIVE" # the archive holds the classes of the build before this one
  (cd "$ROOT" && mvn -B -Dmaven.test.skip=true "${flags[@]}" compile dependency:build-classpath \
      -Dmdep.outputFile=target/cp.txt -DincludeScope=compile 2>&1 | vigil_progress >&2) || return 1
  # the classes as one jar: class data sharing archives classes from jars only (below)
  rm -f "$ROOT/target/vigil-local.jar"
  (cd "$ROOT/target/classes" && jar cf "$ROOT/target/vigil-local.jar" .) || return 1
  echo "$mode" > "$STAMP"
}

# Maven's output, condensed: a line per 25 downloaded files (with the megabytes so far), errors and the result.
vigil_progress() {
  awk '
    /^\[ERROR\]/ || /BUILD FAILURE/ { print; fflush(); failed = 1; next }
    /Downloaded from/ {
      n++
      if (match($0, /\(([0-9.]+) (B|kB|MB|GB)/)) {
        split(substr($0, RSTART + 1, RLENGTH - 1), f, " ")
        mb += f[1] / (f[2] == "B" ? 1048576 : f[2] == "kB" ? 1024 : f[2] == "MB" ? 1 : 1 / 1024)
      }
      if (n % 25 == 0) { printf "  downloaded %d files, %.0f MB\n", n, mb; fflush() }
    }
    END {
      if (n > 0) printf "  downloaded %d files, %.0f MB in all\n", n, mb
      exit failed
    }'
}

vigil_classpath() {
  echo "$ROOT/target/vigil-local.jar:$(cat "$ROOT/target/cp.txt")"
}

# Class data sharing (AppCDS, JDK 17): a run maps the classes an earlier run of this build loaded (Spark's, Delta's,
# Vigil's: about 20,000) from an archive instead of reading, parsing and verifying them from the jars again; on this
# machine it takes a few seconds off every local run (docs/benchmark.md). The archive belongs to one build
# (vigil_build deletes it); the first run after a build writes it as it exits, and it is kept only when that run
# succeeded and started Spark (an archive of a --help would hold almost nothing). VIGIL_CDS=0 runs without it.
vigil_cds_opts() { # the JVM flags: use the archive, or write it at exit to "$1"
  [[ "${VIGIL_CDS:-1}" != 0 ]] || return 0
  # a Java agent or a flight recording hooks class loading, and JDK 17 crashes (SIGSEGV in
  # check_shared_class_file_load_hook) when that meets a dynamic archive: those runs go without
  [[ ! "${VIGIL_JAVA_OPTS:-}" =~ (StartFlightRecording|-javaagent|-agentlib|-agentpath) ]] || return 0
  if [[ -f "$CDS_ARCHIVE" ]]; then
    echo "-XX:SharedArchiveFile=$CDS_ARCHIVE -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off -Dvigil.cds.archive=$CDS_ARCHIVE"
  else
    echo "-XX:ArchiveClassesAtExit=$1 -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off -Dvigil.cds.archive=$CDS_ARCHIVE"
  fi
}

# java with Vigil's flags, classpath and class data sharing: vigil_java MAIN_CLASS ARGS...; returns java's exit code.
# SIGTERM and SIGINT are passed on to the JVM as SIGTERM (a scheduler or a Ctrl-C that stops the script stops the run;
# a background JVM of a script ignores SIGINT). The first archive written wins: a later one is dropped.
vigil_java() {
  local tmp="$CDS_ARCHIVE.$$.tmp" rc=0 pid
  # shellcheck disable=SC2046
  java $(vigil_java_opts) $(vigil_cds_opts "$tmp") -cp "$(vigil_classpath)" "$@" &
  pid=$!
  trap 'kill -TERM "$pid" 2>/dev/null' TERM
  trap 'kill -TERM "$pid" 2>/dev/null' INT
  while true; do
    wait "$pid" && rc=0 || rc=$?
    kill -0 "$pid" 2>/dev/null || break # wait returned for a trapped signal: the JVM is still stopping
  done
  trap - TERM INT
  if [[ -f "$tmp" ]]; then
    if [[ $rc == 0 && ! -f "$CDS_ARCHIVE" && $(stat -c %s "$tmp") -ge $CDS_MIN_BYTES ]]; then
      mv -f "$tmp" "$CDS_ARCHIVE"
    else
      rm -f "$tmp"
    fi
  fi
  return "$rc"
}

# The list Spark's own launcher adds on Java 17 (org.apache.spark.launcher.JavaModuleOptions).
# An OutOfMemoryError ends the JVM at once (exit 134, its report in ${TMPDIR:-/tmp}/vigil-hs_err_pid<pid>.log):
# a driver that ran out of heap in one of Spark's threads was seen to hang idle instead of exiting.
vigil_java_opts() {
  echo "-Xmx${VIGIL_DRIVER_MEMORY:-8g} -XX:+IgnoreUnrecognizedVMOptions \
--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED \
--add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
--add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
--add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED \
--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED \
--add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED \
--add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED \
--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false \
-Duser.timezone=UTC -XX:+CrashOnOutOfMemoryError -XX:-CreateCoredumpFile \
-XX:ErrorFile=${TMPDIR:-/tmp}/vigil-hs_err_pid%p.log ${VIGIL_JAVA_OPTS:-}"
}

export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
