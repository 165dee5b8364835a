package dev.errand.queue.internal;

/**
 * Whether Micrometer is on the classpath. Kept apart from {@link QueueMeters}: loading that class
 * makes the JVM verify code that names Micrometer types, which fails when Micrometer is absent, so
 * the check must live in a class that mentions none of them.
 */
public final class MicrometerPresence {

  private static final String MICROMETER = "io.micrometer.core.instrument.MeterRegistry";

  private MicrometerPresence() {}

  public static boolean available() {
    try {
      Class.forName(MICROMETER, false, MicrometerPresence.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
