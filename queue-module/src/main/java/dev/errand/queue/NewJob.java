package dev.errand.queue;

import java.util.Objects;

/**
 * One job for {@link QueueService#addBulk}.
 *
 * @param queue the queue
 * @param name the job name
 * @param payload the payload, serialized with Jackson
 * @param options the job's options ({@link JobOptions#defaults()} for none)
 */
public record NewJob(String queue, String name, Object payload, JobOptions options) {

  public NewJob {
    QueueNames.check(queue);
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("A job name must not be blank (queue '" + queue + "')");
    }
    options = options == null ? JobOptions.defaults() : options;
  }

  public static NewJob of(String queue, String name, Object payload) {
    return new NewJob(queue, name, payload, JobOptions.defaults());
  }
}
