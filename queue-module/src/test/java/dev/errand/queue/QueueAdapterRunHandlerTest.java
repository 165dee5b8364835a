package dev.errand.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import dev.errand.queue.spi.JobDraft;
import dev.errand.queue.spi.QueueBackend;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hooks that let code outside the workers (errand-testing's drain) run jobs itself. */
class QueueAdapterRunHandlerTest {

  record Echo(String text) {}

  @Job("inline")
  static final class InlineProcessor {
    @Process("echo")
    String echo(Echo data) {
      return data.text() + " on " + Thread.currentThread().getName();
    }

    @Process("fail")
    void fail(Echo data) throws IOException {
      throw new IOException("disk full: " + data.text());
    }
  }

  private static ErrandApp start(QueueAdapter adapter) {
    return ErrandApp.builder()
        .settings(Settings.of(Map.of("JOBS_ENABLED", "false")))
        .adapters(adapter)
        .shutdownHook(false)
        .start();
  }

  private static QueueAdapter adapter() {
    return new QueueAdapter(
            QueueSettings.from(Settings.of(Map.of("JOBS_ENABLED", "false"))), "nowhere.to.scan")
        .withClasses(InlineProcessor.class);
  }

  @Test
  void shouldRunTheHandlerInTheCallingThread() throws Exception {
    QueueAdapter adapter = adapter();
    try (ErrandApp app = start(adapter)) {
      Object result = adapter.runHandler("inline", "echo", "{\"text\":\"hi\"}", null);

      assertThat(result).isEqualTo("hi on " + Thread.currentThread().getName());
      assertThat(app.get(InlineProcessor.class)).isNotNull();
    }
  }

  @Test
  void shouldRethrowTheHandlersOwnException() {
    QueueAdapter adapter = adapter();
    try (ErrandApp app = start(adapter)) {
      assertThatThrownBy(() -> adapter.runHandler("inline", "fail", "{\"text\":\"x\"}", null))
          .isExactlyInstanceOf(IOException.class)
          .hasMessage("disk full: x");
    }
  }

  @Test
  void shouldNameTheJobWhenNoHandlerTakesItOrItsPayloadDoesNotMap() {
    QueueAdapter adapter = adapter();
    try (ErrandApp app = start(adapter)) {
      assertThatThrownBy(() -> adapter.runHandler("inline", "nobody", "{}", null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("No @Process method handles job 'nobody' of queue 'inline' here");
      assertThatThrownBy(() -> adapter.runHandler("inline", "echo", "[1]", null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("The payload of job 'echo' (queue 'inline') does not map to")
          .hasMessageContaining("InlineProcessor#echo");
    }
  }

  @Test
  void shouldRefuseToRunAHandlerBeforeStart() {
    assertThatThrownBy(() -> adapter().runHandler("inline", "echo", "{}", null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("has not started");
  }

  @Test
  void shouldListTheQueuesItHasHandlersFor() {
    assertThat(adapter().consumedQueues()).containsExactly("inline");
  }

  @Test
  void shouldStoreJobsInAMemoryBackendPassedIn() {
    QueueBackend backend = QueueAdapter.memoryBackend(Clock.systemUTC());
    try (ErrandApp app = start(adapter().withBackend(backend))) {
      String id = app.get(QueueService.class).add("inline", "echo", new Echo("kept"));

      assertThat(backend.admin().job("inline", id)).isPresent();
      assertThat(backend.add("inline", List.of(new JobDraft("echo", "{}", null, id, 0, null))))
          .containsExactly(id);
    }
  }
}
