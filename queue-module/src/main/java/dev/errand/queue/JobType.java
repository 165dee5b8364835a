package dev.errand.queue;

import java.util.Objects;

/**
 * A job's queue, name and payload class in one constant, shared by the code that adds the job and
 * the handler that runs it. The compiler checks that a payload added through it is a {@code T}; the
 * queue layer checks that {@code T} fits the handler's parameter: at start for every {@code static
 * final JobType} field in the packages {@code QueueAdapter} scans, and at the first add through any
 * other JobType whose handler is in this application (see the README's "What a JobType
 * guarantees").
 *
 * <pre>{@code
 * public static final JobType<WelcomeEmail> WELCOME =
 *     JobType.of("email", "send-welcome-email", WelcomeEmail.class);
 * queue.add(WELCOME, new WelcomeEmail("ada@example.com", "Ada"));
 * }</pre>
 *
 * @param queue the queue
 * @param name the job name, as the handler's {@link Process @Process} value
 * @param payloadType the payload class, as the handler's first parameter
 */
public record JobType<T>(String queue, String name, Class<T> payloadType) {

  public JobType {
    QueueNames.check(queue);
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("A job name must not be blank (queue '" + queue + "')");
    }
    Objects.requireNonNull(payloadType, "payloadType");
  }

  public static <T> JobType<T> of(String queue, String name, Class<T> payloadType) {
    return new JobType<>(queue, name, payloadType);
  }

  /** A job of this type for {@link QueueService#addBulk}. */
  public NewJob job(T payload) {
    return new NewJob(queue, name, payload, JobOptions.defaults());
  }

  /** A job of this type with options, for {@link QueueService#addBulk}. */
  public NewJob job(T payload, JobOptions options) {
    return new NewJob(queue, name, payload, options);
  }
}
