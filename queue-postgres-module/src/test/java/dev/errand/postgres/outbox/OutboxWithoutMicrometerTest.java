package dev.errand.postgres.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.errand.testsupport.ChildJvm;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Micrometer is optional: without it the outbox relays and counts, and only the meters are off. */
class OutboxWithoutMicrometerTest {

  @Test
  void shouldRelayAndCountWithoutMicrometerOnTheClassPath() {
    try (ChildJvm child =
        ChildJvm.startWithout(List.of("micrometer"), OutboxWithoutMicrometerMain.class)) {
      await().atMost(Duration.ofSeconds(60)).until(() -> !child.isAlive());
      List<String> lines = child.logTail().lines().toList();
      assertThat(lines).as(child.logTail()).contains("micrometer absent");
      assertThat(lines).as(child.logTail()).contains("relayed 1, failed turns 0");
    }
  }
}
