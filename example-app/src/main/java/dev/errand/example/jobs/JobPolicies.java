package dev.errand.example.jobs;

import dev.errand.core.Settings;
import dev.errand.queue.Backoff;
import dev.errand.queue.JobOptions;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Retries and priorities per kind of job. Transactional mail (welcome, assignment, mention,
 * reminder) matters to the user right now, so it retries harder and runs first; the digest can wait
 * and is not worth many retries. After the last attempt a job lands in its queue's dead-letter
 * list.
 *
 * <p>{@code EXAMPLE_MAIL_ATTEMPTS} (default 5) and {@code EXAMPLE_MAIL_BACKOFF} (default 2s,
 * doubled each retry) tune transactional mail; {@code EXAMPLE_DIGEST_ATTEMPTS} (default 2) the
 * digest.
 */
@Singleton
public final class JobPolicies {

  public static final int PRIORITY_WELCOME = 10;
  public static final int PRIORITY_TRANSACTIONAL = 5;
  public static final int PRIORITY_DIGEST = -10;

  private final int mailAttempts;
  private final Duration mailBackoff;
  private final int digestAttempts;

  @Inject
  public JobPolicies(Settings settings) {
    this.mailAttempts = settings.integer("EXAMPLE_MAIL_ATTEMPTS", 5, 1, 100);
    this.mailBackoff = settings.duration("EXAMPLE_MAIL_BACKOFF", Duration.ofSeconds(2));
    this.digestAttempts = settings.integer("EXAMPLE_DIGEST_ATTEMPTS", 2, 1, 100);
  }

  public JobOptions welcomeMail() {
    return transactional(PRIORITY_WELCOME);
  }

  public JobOptions transactionalMail() {
    return transactional(PRIORITY_TRANSACTIONAL);
  }

  public JobOptions digestMail() {
    return JobOptions.builder()
        .priority(PRIORITY_DIGEST)
        .attempts(digestAttempts)
        .backoff(Backoff.fixed(Duration.ofMinutes(5)))
        .build();
  }

  /** Notifications and activity only touch the database: a few quick retries are enough. */
  public JobOptions bookkeeping() {
    return JobOptions.builder()
        .attempts(3)
        .backoff(Backoff.exponential(Duration.ofMillis(500)))
        .build();
  }

  private JobOptions transactional(int priority) {
    return JobOptions.builder()
        .priority(priority)
        .attempts(mailAttempts)
        .backoff(Backoff.exponential(mailBackoff))
        .build();
  }
}
