package dev.errand.queue;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A backend that cannot join a JDBC transaction refuses inTransaction, naming the one that can. */
class InTransactionRefusalTest {

  @Test
  void shouldRefuseToAddInATransactionOnTheMemoryBackend() throws Exception {
    Settings settings = Settings.of(Map.of("JOBS_ENABLED", "false"));
    ErrandApp app =
        ErrandApp.builder()
            .settings(settings)
            .adapters(new QueueAdapter(QueueSettings.from(settings)))
            .shutdownHook(false)
            .start();
    // The backend refuses before it would touch the connection.
    Connection c =
        (Connection)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                  throw new AssertionError("the connection was used: " + method.getName());
                });
    try {
      assertThatThrownBy(
              () -> app.get(QueueService.class).inTransaction(c).add("mail", "send", Map.of()))
          .isInstanceOf(UnsupportedOperationException.class)
          .hasMessageContaining("queue 'mail'")
          .hasMessageContaining("JOBS_BACKEND=postgres")
          .hasMessageContaining("JOBS_OUTBOX=true");
    } finally {
      app.stop();
    }
  }
}
