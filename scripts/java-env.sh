# Sourced by the scripts: selects a JDK 21+ (scripts/java-home) for this shell and Maven.
JAVA_HOME=$("$(dirname "${BASH_SOURCE[0]}")/java-home")
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
# Guava (under Maven, and under Guice in Errand apps), ClassGraph and netty call sun.misc.Unsafe,
# which JDK 24+ warns about on every start; the flag allows it where the JDK knows it.
# ERRAND_JAVA_OPTS carries it to the scripts' own java commands.
ERRAND_JAVA_OPTS=
if java --sun-misc-unsafe-memory-access=allow -version >/dev/null 2>&1; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  ERRAND_JAVA_OPTS=--sun-misc-unsafe-memory-access=allow
fi
command -v mvn >/dev/null 2>&1 || { echo "Maven (mvn) is not installed: apt-get install maven" >&2; exit 1; }
