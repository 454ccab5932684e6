#!/usr/bin/env bash
# Shared by scripts/vigil and scripts/bench: build when stale, the classpath, the Java 17 flags Spark needs.
ROOT="${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
STAMP="$ROOT/target/.vigil-build-stamp"

vigil_build() {
  if [[ -f "$STAMP" && -f "$ROOT/target/cp.txt" && -d "$ROOT/target/classes" ]] \
     && [[ -z "$(find "$ROOT/src/main" "$ROOT/pom.xml" "$ROOT/conf" -newer "$STAMP" -print -quit 2>/dev/null)" ]]; then
    return 0
  fi
  echo "building Vigil (mvn -DskipTests package) ..." >&2
  (cd "$ROOT" && mvn -q -B -DskipTests package dependency:build-classpath \
      -Dmdep.outputFile=target/cp.txt -DincludeScope=compile >&2)
  touch "$STAMP"
}

vigil_classpath() {
  echo "$ROOT/target/classes:$(cat "$ROOT/target/cp.txt")"
}

# The list Spark's own launcher adds on Java 17 (org.apache.spark.launcher.JavaModuleOptions).
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
-Duser.timezone=UTC ${VIGIL_JAVA_OPTS:-}"
}

export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
