package dev.errand.queue.internal;

/**
 * Whether the optional libraries the queue layer works with are on the classpath: Micrometer for
 * {@link QueueMeters}, the OpenTelemetry API for {@link JobTracing}. Kept apart from those classes:
 * loading one makes the JVM verify code that names the library's types, which fails when the
 * library is absent, so the check must live in a class that mentions none of them.
 */
public final class OptionalLibraries {

  private OptionalLibraries() {}

  public static boolean micrometer() {
    return present("io.micrometer.core.instrument.MeterRegistry");
  }

  /** Flyway, which the outbox's table needs (errand-database brings it). */
  public static boolean flyway() {
    return present("org.flywaydb.core.Flyway");
  }

  public static boolean openTelemetry() {
    return present("io.opentelemetry.api.OpenTelemetry");
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, OptionalLibraries.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
