package dev.errand.postgres.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.core.ErrandApp;
import dev.errand.postgres.TestPostgres;
import dev.errand.postgres.fixtures.Greetings;
import dev.errand.queue.OutboxMetrics;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.QueueService;
import dev.errand.testsupport.MutableClock;
import dev.errand.testsupport.RedisServerProcess;
import dev.errand.testsupport.TestServers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The outbox relay's own figures, in {@link QueueAdmin#outboxMetrics()} and as {@code
 * errand.outbox.*} meters: jobs relayed and their delay, failed turns and the rows waiting while
 * Redis is away. No workers run ({@code JOBS_ENABLED=false}): the relay moves rows either way.
 */
class OutboxMetricsTest {

  private static final List<String> METERS =
      List.of(
          "errand.outbox.jobs.relayed",
          "errand.outbox.turns.failed",
          "errand.outbox.delay.p50_ms",
          "errand.outbox.delay.p99_ms",
          "errand.outbox.delay.max_ms",
          "errand.outbox.backlog.rows",
          "errand.outbox.backlog.oldest_ms");

  @RegisterExtension final TestPostgres postgres = new TestPostgres();

  @Test
  void shouldCountTheJobsRelayedAndTheirDelayInTheAdminAndTheBoundRegistry() throws Exception {
    // Whole milliseconds: PostgreSQL keeps the rows' add times to the microsecond.
    MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ErrandApp app =
        OutboxApps.start(
            OutboxApps.redis(
                postgres.url(), TestServers.unique("outbox-metrics"), "JOBS_ENABLED", "false"),
            clock,
            binder -> binder.bind(MeterRegistry.class).toInstance(registry));
    try {
      QueueAdmin admin = app.get(QueueAdmin.class);
      assertThat(admin.outboxMetrics()).get().extracting(OutboxMetrics::relayed).isEqualTo(0L);
      try (Connection c = app.get(DataSource.class).getConnection()) {
        c.setAutoCommit(false);
        var adder = app.get(QueueService.class).inTransaction(c);
        for (String who : List.of("a", "b", "c")) {
          adder.add(Greetings.GREET, new Greetings.Greeting(who));
        }
        // The rows say when they were added; the relay sees them only after the commit, when the
        // clock (which stands still otherwise) is 1.5 s on: each job's delay is exactly that.
        clock.advance(Duration.ofMillis(1500));
        c.commit();
      }
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> admin.outboxMetrics().orElseThrow().relayed() == 3);
      OutboxMetrics metrics = admin.outboxMetrics().orElseThrow();
      assertThat(metrics.failedTurns()).isZero();
      assertThat(metrics.delayP50Millis()).isEqualTo(1500.0);
      assertThat(metrics.delayP99Millis()).isEqualTo(1500.0);
      assertThat(metrics.delayMaxMillis()).isEqualTo(1500.0);
      assertThat(admin.counts("greetings").waiting()).isEqualTo(3);

      for (String name : METERS) {
        assertThat(registry.find(name).meters()).as(name).hasSize(1);
      }
      assertThat(registry.get("errand.outbox.jobs.relayed").functionCounter().count())
          .isEqualTo(3.0);
      assertThat(registry.get("errand.outbox.turns.failed").functionCounter().count()).isZero();
      assertThat(registry.get("errand.outbox.delay.p99_ms").gauge().value()).isEqualTo(1500.0);
      assertThat(registry.get("errand.outbox.delay.max_ms").gauge().value()).isEqualTo(1500.0);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> registry.get("errand.outbox.backlog.rows").gauge().value() == 0);

      // A minute later, with nothing relayed since, the delays are no longer recent.
      clock.advance(Duration.ofSeconds(61));
      assertThat(admin.outboxMetrics().orElseThrow().delayMaxMillis()).isZero();
      assertThat(admin.outboxMetrics().orElseThrow().relayed()).isEqualTo(3);
    } finally {
      app.stop();
    }
    for (String name : METERS) {
      assertThat(registry.find(name).meters()).as(name + " after stop").isEmpty();
    }
  }

  @Test
  void shouldCountFailedTurnsAndTheRowsWaitingWhileRedisIsAway() throws Exception {
    try (RedisServerProcess redis = RedisServerProcess.start()) {
      ErrandApp app =
          OutboxApps.start(
              OutboxApps.redis(
                  postgres.url(),
                  TestServers.unique("outbox-away"),
                  "REDIS_URL",
                  redis.url(),
                  "REDIS_COMMAND_TIMEOUT",
                  "2s",
                  "JOBS_OUTBOX_POLL",
                  "10ms",
                  "JOBS_ENABLED",
                  "false"),
              Clock.systemUTC());
      try {
        QueueAdmin admin = app.get(QueueAdmin.class);
        OutboxMetrics first =
            await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> admin.outboxMetrics().orElseThrow(), m -> m.waiting() == 0);
        // The relay looks every 10 ms here, and still counts the rows at most every 5 seconds.
        OutboxMetrics second = nextCount(admin, first);
        assertThat(Duration.between(first.measuredAt(), second.measuredAt()))
            .isGreaterThanOrEqualTo(Duration.ofSeconds(5));
        redis.stop();
        Instant committed;
        try (Connection c = app.get(DataSource.class).getConnection()) {
          c.setAutoCommit(false);
          var adder = app.get(QueueService.class).inTransaction(c);
          adder.add(Greetings.GREET, new Greetings.Greeting("first"));
          adder.add(Greetings.GREET, new Greetings.Greeting("second"));
          c.commit();
          committed = Instant.now();
        }

        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> {
                  OutboxMetrics m = admin.outboxMetrics().orElseThrow();
                  return m.failedTurns() >= 2
                      && m.waiting() == 2
                      && m.measuredAt().isAfter(committed);
                });
        OutboxMetrics away = admin.outboxMetrics().orElseThrow();
        assertThat(away.relayed()).isZero();
        assertThat(away.oldestWaitingMillis()).isPositive();
        assertThat(app.health().up()).isFalse();
        // The next count sees the same rows, waiting longer.
        OutboxMetrics recounted = nextCount(admin, away);
        assertThat(recounted.waiting()).isEqualTo(2);
        assertThat(recounted.oldestWaitingMillis()).isGreaterThan(away.oldestWaitingMillis());

        redis.restart();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> {
                  OutboxMetrics m = admin.outboxMetrics().orElseThrow();
                  return m.relayed() == 2 && m.waiting() == 0;
                });
        OutboxMetrics back = admin.outboxMetrics().orElseThrow();
        assertThat(back.failedTurns()).isGreaterThanOrEqualTo(away.failedTurns());
        assertThat(back.oldestWaitingMillis()).isZero();
        // Each waited at least as long as the outage the relay saw (the oldest row's age then).
        assertThat(back.delayP50Millis()).isGreaterThanOrEqualTo(away.oldestWaitingMillis());
        assertThat(admin.counts("greetings").waiting()).isEqualTo(2);
      } finally {
        app.stop();
      }
    }
  }

  /** The figures once the relay has counted the rows again after {@code earlier}. */
  private static OutboxMetrics nextCount(QueueAdmin admin, OutboxMetrics earlier) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> admin.outboxMetrics().orElseThrow(),
            m -> m.measuredAt().isAfter(earlier.measuredAt()));
  }
}
