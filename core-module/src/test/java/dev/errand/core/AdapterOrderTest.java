package dev.errand.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdapterOrderTest {

  interface QueueService {}

  interface Mailer {}

  private final List<String> journal = new ArrayList<>();

  private ErrandApp.Builder app(RecordingAdapter... adapters) {
    return ErrandApp.builder()
        .settings(Settings.of(Map.of()))
        .shutdownHook(false)
        .adapters(adapters);
  }

  @Test
  void shouldRejectARequirementProvidedOnlyByALaterAdapter() {
    RecordingAdapter cron =
        new RecordingAdapter("CronAdapter", journal).requires(QueueService.class);
    RecordingAdapter queue =
        new RecordingAdapter("QueueAdapter", journal)
            .provides(QueueService.class, new QueueService() {});

    assertThatThrownBy(() -> app(cron, queue).start())
        .isInstanceOf(ErrandStartupException.class)
        .hasMessageContaining(
            "CronAdapter requires QueueService, which QueueAdapter provides, but QueueAdapter is"
                + " listed after CronAdapter: move QueueAdapter before CronAdapter");
    assertThat(journal).as("nothing starts when the order is wrong").isEmpty();
  }

  @Test
  void shouldRejectAUsedKeyProvidedOnlyByALaterAdapter() {
    RecordingAdapter queue = new RecordingAdapter("QueueAdapter", journal).uses(Mailer.class);
    RecordingAdapter mailer =
        new RecordingAdapter("MailerAdapter", journal).provides(Mailer.class, new Mailer() {});

    assertThatThrownBy(() -> app(queue, mailer).start())
        .isInstanceOf(ErrandStartupException.class)
        .hasMessageContaining("move MailerAdapter before QueueAdapter");
    assertThat(journal).isEmpty();
  }

  @Test
  void shouldIgnoreAUsedKeyThatNoAdapterProvides() {
    RecordingAdapter queue = new RecordingAdapter("QueueAdapter", journal).uses(String.class);

    try (ErrandApp started = app(queue).start()) {
      assertThat(journal).containsExactly("start QueueAdapter", "ready QueueAdapter");
    }
  }

  @Test
  void shouldRejectARequirementThatNobodyProvides() {
    RecordingAdapter cron =
        new RecordingAdapter("CronAdapter", journal).requires(QueueService.class);

    assertThatThrownBy(() -> app(cron).start())
        .isInstanceOf(ErrandStartupException.class)
        .hasMessageContaining(
            "CronAdapter requires QueueService, which no adapter provides and no module binds");
    assertThat(journal).isEmpty();
  }

  @Test
  void shouldAcceptARequirementBoundByAUserModule() {
    RecordingAdapter cron =
        new RecordingAdapter("CronAdapter", journal).requires(QueueService.class);

    try (ErrandApp started =
        app(cron)
            .modules(binder -> binder.bind(QueueService.class).toInstance(new QueueService() {}))
            .start()) {
      assertThat(journal).containsExactly("start CronAdapter", "ready CronAdapter");
    }
  }

  @Test
  void shouldRejectTwoAdaptersWithTheSameName() {
    assertThatThrownBy(
            () ->
                app(
                        new RecordingAdapter("QueueAdapter", journal),
                        new RecordingAdapter("QueueAdapter", journal))
                    .start())
        .isInstanceOf(ErrandStartupException.class)
        .hasMessageContaining("Two adapters are named 'QueueAdapter' (positions 1 and 2)");
    assertThat(journal).isEmpty();
  }

  @Test
  void shouldStartWhenEveryRequirementComesFromAnEarlierAdapter() {
    RecordingAdapter queue =
        new RecordingAdapter("QueueAdapter", journal)
            .provides(QueueService.class, new QueueService() {});
    RecordingAdapter cron =
        new RecordingAdapter("CronAdapter", journal).requires(QueueService.class);

    try (ErrandApp started = app(queue, cron).start()) {
      assertThat(started.get(QueueService.class)).isNotNull();
    }
  }
}
