# Sourced by the scripts: selects a JDK 21+ (scripts/java-home) for this shell and Maven.
JAVA_HOME=$("$(dirname "${BASH_SOURCE[0]}")/java-home")
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
# Maven's bundled Guava warns about sun.misc.Unsafe on JDK 24+; the flag silences it where it exists.
if java --sun-misc-unsafe-memory-access=allow -version >/dev/null 2>&1; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi
command -v mvn >/dev/null 2>&1 || { echo "Maven (mvn) is not installed: apt-get install maven" >&2; exit 1; }
