package dev.errand.queue;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link Job @Job} class as the handler of one job name.
 *
 * <p>The method takes the payload (any type Jackson can build, records included), optionally
 * followed by a {@link JobContext}. What it returns is kept as the job's result. Without a name,
 * the method handles every job of its queue that no named method handles.
 *
 * <p>Import it by name ({@code import dev.errand.queue.Process;}): that import shadows {@code
 * java.lang.Process}, which a wildcard import would not.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Process {

  /** The job name handled; empty for the queue's catch-all. */
  String value() default "";
}
