package dev.errand.queue.internal.outbox;

import com.google.inject.Injector;
import com.google.inject.Key;
import dev.errand.core.Health;
import dev.errand.core.Settings;
import dev.errand.queue.OutboxMetrics;
import dev.errand.queue.internal.OptionalLibraries;
import dev.errand.queue.spi.QueueBackend;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox as the queue layer sees it: off unless {@code JOBS_OUTBOX=true} and the backend cannot
 * write jobs in the caller's transaction itself (postgres can, and ignores the setting).
 */
public final class OutboxOption {

  private static final Logger log = LoggerFactory.getLogger(OutboxOption.class);

  private final OutboxSettings settings;
  private final boolean applies;
  private volatile OutboxBackend outbox;

  public OutboxOption(Settings source, boolean backendWritesInTransactions) {
    this.settings = OutboxSettings.from(source);
    this.applies = settings.enabled() && !backendWritesInTransactions;
    if (applies && !OptionalLibraries.flyway()) {
      throw new IllegalStateException(
          "JOBS_OUTBOX=true creates its table with Flyway, which is not on the classpath: add"
              + " dev.errand:errand-database (its DatabaseAdapter brings Flyway and the DataSource)");
    }
    if (settings.enabled() && backendWritesInTransactions) {
      log.info("JOBS_OUTBOX=true is not needed: the backend adds jobs in the caller's transaction");
    }
  }

  /** The application's DataSource, when the outbox is on: the database adapter comes first. */
  public Set<Key<?>> requires() {
    return applies ? Set.of(Key.get(DataSource.class)) : Set.of();
  }

  /** {@code queue}, or the outbox in front of it. */
  public QueueBackend wrap(QueueBackend queue, Injector injector, Clock clock) {
    if (!applies) {
      return queue;
    }
    outbox = new OutboxBackend(queue, injector.getInstance(DataSource.class), clock, settings);
    return outbox;
  }

  public void start() {
    if (outbox != null) {
      outbox.start();
    }
  }

  /** The relay's figures, empty when the outbox is off. */
  public Optional<OutboxMetrics> metrics() {
    OutboxBackend o = outbox;
    return o == null ? Optional.empty() : Optional.of(o.metrics());
  }

  /**
   * Publishes the relay's figures as Micrometer meters, when the outbox is on; call only when
   * {@link OptionalLibraries#micrometer()}.
   *
   * @return removes them again
   */
  public Runnable registerMeters(Injector injector) {
    return outbox == null ? () -> {} : OutboxMeters.register(injector, outbox.recorder());
  }

  /** {@code queue}'s health, down also while the relay fails. */
  public Health health(Health queue) {
    if (outbox == null || !queue.up()) {
      return queue;
    }
    Health relay = outbox.health();
    return relay.up() ? Health.ok(queue.detail() + ", " + relay.detail()) : relay;
  }
}
