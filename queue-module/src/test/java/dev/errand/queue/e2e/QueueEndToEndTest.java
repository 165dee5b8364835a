package dev.errand.queue.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.inject.Key;
import com.google.inject.Module;
import dev.errand.core.ErrandApp;
import dev.errand.core.ErrandStartupException;
import dev.errand.core.Settings;
import dev.errand.core.spi.Adapter;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueAdmin;
import dev.errand.queue.QueueSettings;
import dev.errand.queue.e2e.jobs.Outbox;
import dev.errand.queue.e2e.jobs.RegisterUser;
import dev.errand.testsupport.TestServers;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An application whose QueueAdapter scans a package, dispatching from a use case. */
class QueueEndToEndTest {

  private static final String JOBS_PACKAGE = "dev.errand.queue.e2e.jobs";

  /** Provides the {@link Outbox} the scanned processor injects, as a mailer adapter would. */
  private static final class OutboxAdapter implements Adapter {
    @Override
    public String name() {
      return "OutboxAdapter";
    }

    @Override
    public Module module() {
      return binder -> binder.bind(Outbox.class).toInstance(new Outbox());
    }

    @Override
    public Set<Key<?>> provides() {
      return Set.of(Key.get(Outbox.class));
    }
  }

  private static Settings settings(String provider) {
    return Settings.of(
        Map.of(
            "JOBS_BACKEND", provider,
            "REDIS_URL", TestServers.redisUrl(),
            "JOBS_KEY_PREFIX", TestServers.unique("errand-e2e")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "redis"})
  void shouldRunJobsDispatchedFromAUseCaseTypedAndUntyped(String provider) {
    Settings settings = settings(provider);
    try (ErrandApp app =
        ErrandApp.builder()
            .settings(settings)
            .adapters(
                new OutboxAdapter(), new QueueAdapter(QueueSettings.from(settings), JOBS_PACKAGE))
            .shutdownHook(false)
            .start()) {
      app.get(RegisterUser.class).register("ada@example.com", "Ada");

      Outbox outbox = app.get(Outbox.class);
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(outbox.sent())
                      .containsExactlyInAnyOrder(
                          "welcome Ada <ada@example.com> attempt 1",
                          "digest for ada@example.com with 3 items"));
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> app.get(QueueAdmin.class).counts("email").completed() == 2);
      assertThat(app.health().components().get("QueueAdapter").up()).isTrue();
    }
  }

  @Test
  void shouldFailWhenTheAdapterProvidingWhatProcessorsInjectComesLater() {
    Settings settings = settings("memory");
    assertThatThrownBy(
            () ->
                ErrandApp.builder()
                    .settings(settings)
                    .adapters(
                        new QueueAdapter(QueueSettings.from(settings), JOBS_PACKAGE),
                        new OutboxAdapter())
                    .shutdownHook(false)
                    .start())
        .isInstanceOf(ErrandStartupException.class)
        .hasMessageContaining("QueueAdapter")
        .hasMessageContaining("OutboxAdapter");
  }
}
