package dev.errand.queue;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a processor class: its {@link Process @Process} methods handle the jobs of one queue.
 *
 * <pre>{@code
 * @Job("email")
 * final class EmailProcessor {
 *   @Process("send-welcome-email")
 *   void sendWelcome(WelcomeEmail data) { ... }
 * }
 * }</pre>
 *
 * <p>Guice builds the class (constructor injection) as a singleton.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Job {

  /** The queue whose jobs this class handles. */
  String value();
}
