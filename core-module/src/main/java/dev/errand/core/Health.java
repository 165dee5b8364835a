package dev.errand.core;

import java.util.Objects;

/**
 * The health of one component: up, or down with a reason an operator can act on.
 *
 * @param up whether the component works
 * @param detail a short human-readable explanation ("PING answered PONG", "connection refused")
 */
public record Health(boolean up, String detail) {

  public Health {
    Objects.requireNonNull(detail, "detail");
  }

  public static Health ok() {
    return new Health(true, "ok");
  }

  public static Health ok(String detail) {
    return new Health(true, detail);
  }

  /** The health of an adapter whose start has not run yet, the same for every adapter. */
  public static Health notStarted() {
    return down("not started");
  }

  public static Health down(String reason) {
    return new Health(false, reason);
  }

  /** Health computed by a check that may throw; the exception's message becomes the reason. */
  public static Health check(HealthCheck check) {
    try {
      return check.run();
    } catch (Exception e) {
      return down(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /** A health probe that may fail by throwing. */
  @FunctionalInterface
  public interface HealthCheck {
    Health run() throws Exception;
  }
}
