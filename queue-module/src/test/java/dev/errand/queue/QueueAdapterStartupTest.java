package dev.errand.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.ConfigurationException;
import dev.errand.core.ErrandApp;
import dev.errand.core.ErrandStartupException;
import dev.errand.core.Settings;
import dev.errand.queue.broken.BrokenProcessors;
import dev.errand.queue.spi.QueueBackend;
import dev.errand.testsupport.CapturedLog;
import dev.errand.testsupport.RedisServerProcess;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueueAdapterStartupTest {

  private static void start(Class<?>... processors) {
    Settings settings = Settings.of(Map.of());
    ErrandApp.builder()
        .settings(settings)
        .adapters(new QueueAdapter(QueueSettings.from(settings)).withClasses(processors))
        .shutdownHook(false)
        .start()
        .stop();
  }

  @Test
  void shouldKeepTheBackendOutOfReachOfApplicationCode() {
    Settings settings = Settings.of(Map.of());
    ErrandApp app =
        ErrandApp.builder()
            .settings(settings)
            .adapters(new QueueAdapter(QueueSettings.from(settings)))
            .shutdownHook(false)
            .start();
    try {
      assertThat(app.get(QueueService.class)).isNotNull();
      assertThat(app.get(QueueAdmin.class)).isNotNull();
      // Code that injected the backend could bypass the service's checks and the admin's metrics.
      assertThatThrownBy(() -> app.get(QueueBackend.class))
          .isInstanceOf(ConfigurationException.class);
    } finally {
      app.stop();
    }
  }

  @Test
  void shouldNameTheArtifactToAddWhenThePostgresBackendIsNotOnTheClasspath() {
    Settings settings = Settings.of(Map.of("JOBS_BACKEND", "postgres"));
    assertThatThrownBy(
            () ->
                ErrandApp.builder()
                    .settings(settings)
                    .adapters(new QueueAdapter(QueueSettings.from(settings)))
                    .shutdownHook(false)
                    .start())
        .isInstanceOf(ErrandStartupException.class)
        .hasMessageContaining("JOBS_BACKEND=postgres")
        .hasMessageContaining("dev.errand:errand-queue-postgres");
  }

  @Test
  void shouldFailToStartNamingRedisWhenItDoesNotAnswerUnlessStartingDegradedIsAllowed()
      throws Exception {
    Map<String, String> values =
        Map.of(
            "JOBS_BACKEND",
            "redis",
            "REDIS_URL",
            "redis://:secret@127.0.0.1:" + RedisServerProcess.freePort());
    Settings settings = Settings.of(values);
    assertThatThrownBy(
            () ->
                ErrandApp.builder()
                    .settings(settings)
                    .adapters(new QueueAdapter(QueueSettings.from(settings)))
                    .shutdownHook(false)
                    .start())
        .isInstanceOf(ErrandStartupException.class)
        .hasMessageContaining("QueueAdapter (JOBS_BACKEND=redis) needs Redis")
        .hasMessageContaining("redis://:***@127.0.0.1")
        .hasMessageContaining("REDIS_START_DEGRADED=true")
        .hasMessageNotContaining("secret");

    Settings degraded = settings.with(Map.of("REDIS_START_DEGRADED", "true"));
    ErrandApp app =
        ErrandApp.builder()
            .settings(degraded)
            .adapters(new QueueAdapter(QueueSettings.from(degraded)))
            .shutdownHook(false)
            .start();
    try {
      assertThat(app.health().components().get("QueueAdapter").up()).isFalse();
    } finally {
      app.stop();
    }
  }

  @Test
  void shouldWarnWhenAScannedPackageHoldsNoProcessor() {
    List<String> logged;
    try (CapturedLog log = CapturedLog.of(QueueAdapter.class)) {
      Settings settings = Settings.of(Map.of());
      ErrandApp.builder()
          .settings(settings)
          .adapters(new QueueAdapter(QueueSettings.from(settings), "com.acme.jbos"))
          .shutdownHook(false)
          .start()
          .stop();
      logged = log.messages();
    }
    assertThat(logged)
        .anyMatch(line -> line.contains("[com.acme.jbos]") && line.contains("found no @Job class"));
  }

  @Test
  void shouldFailOnTwoHandlersForOneQueueAndName() {
    assertThatThrownBy(() -> start(BrokenProcessors.First.class, BrokenProcessors.Second.class))
        .isInstanceOf(ErrandStartupException.class)
        .hasMessageContaining(BrokenProcessors.First.class.getName() + "#send")
        .hasMessageContaining(BrokenProcessors.Second.class.getName() + "#sendAgain")
        .hasMessageContaining("job 'send' of queue 'dup'");
  }

  @Test
  void shouldFailOnAHandlerWithTwoPayloads() {
    assertThatThrownBy(() -> start(BrokenProcessors.TwoPayloads.class))
        .isInstanceOf(ErrandStartupException.class)
        .hasMessageContaining(BrokenProcessors.TwoPayloads.class.getName() + "#send")
        .hasMessageContaining("bad signature");
  }

  @Test
  void shouldFailOnAContextBeforeThePayload() {
    assertThatThrownBy(() -> start(BrokenProcessors.ContextFirst.class))
        .isInstanceOf(ErrandStartupException.class)
        .hasMessageContaining(BrokenProcessors.ContextFirst.class.getName() + "#send")
        .hasMessageContaining("optionally followed by a JobContext");
  }

  @Test
  void shouldFailOnAPayloadTypeJacksonCannotBuild() {
    assertThatThrownBy(() -> start(BrokenProcessors.Unbuildable.class))
        .isInstanceOf(ErrandStartupException.class)
        .hasMessageContaining(BrokenProcessors.Unbuildable.class.getName() + "#run")
        .hasMessageContaining("java.lang.Runnable")
        .hasMessageContaining("Jackson cannot build");
  }

  @Job("tenant")
  static final class Tenants {
    @Process
    void run(String payload) {}
  }

  @Job("billing")
  static final class Billing {
    @Process
    void run(String payload) {}
  }

  private static void startSharing(String queue, List<String> queues) {
    Settings settings = Settings.of(Map.of());
    ErrandApp.builder()
        .settings(settings)
        .adapters(
            new QueueAdapter(QueueSettings.from(settings))
                .withClasses(Tenants.class, Billing.class)
                .withSameHandlers(queue, queues))
        .shutdownHook(false)
        .start()
        .stop();
  }

  @Test
  void shouldFailToShareTheHandlersOfAQueueNobodyHandles() {
    assertThatThrownBy(() -> startSharing("tenants", List.of("tenant-1")))
        .isInstanceOf(ErrandStartupException.class)
        .hasMessageContaining(
            "withSameHandlers(\"tenants\", ...) names a queue no @Job class handles");
  }

  @Test
  void shouldFailToShareHandlersWithAQueueThatHasItsOwn() {
    assertThatThrownBy(() -> startSharing("tenant", List.of("tenant-1", "billing")))
        .isInstanceOf(ErrandStartupException.class)
        .hasMessageContaining("queue 'billing' is listed in withSameHandlers(\"tenant\", ...)")
        .hasMessageContaining("has handlers of its own");
  }

  @Test
  void shouldFailOnAQueueListedTwice() {
    assertThatThrownBy(() -> startSharing("tenant", List.of("tenant-1", "tenant-1")))
        .isInstanceOf(ErrandStartupException.class)
        .hasMessageContaining("queue 'tenant-1' is listed in withSameHandlers(\"tenant\", ...) and")
        .hasMessageContaining("list it once");
  }

  @Test
  void shouldRefuseAnInvalidQueueNameToShareHandlersWith() {
    assertThatThrownBy(
            () ->
                new QueueAdapter(QueueSettings.defaults())
                    .withSameHandlers("tenant", List.of("tenant 1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Queue name 'tenant 1' is not allowed");
  }

  @Test
  void shouldFailOnAProcessMethodOutsideAJobClass() {
    assertThatThrownBy(() -> start(BrokenProcessors.NoJobAnnotation.class))
        .isInstanceOf(ErrandStartupException.class)
        .hasMessageContaining(BrokenProcessors.NoJobAnnotation.class.getName() + "#orphan")
        .hasMessageContaining("@Job");
  }
}
