package dev.errand.devtools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The bulk job actions (retry or remove the ticked jobs), the same on every backend. */
abstract class BulkActionsApiContract extends DashboardApiContract {

  @Test
  void shouldRetryAndRemoveSelectedJobsInBulk() {
    dash.switches.failing.set(true);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(dash.queue().add(Q, "flaky", Map.of("n", i)));
    }
    await().atMost(10, TimeUnit.SECONDS).until(() -> count("failed") == 3);
    dash.switches.failing.set(false);

    String body = "{\"ids\":[\"" + ids.get(0) + "\",\"" + ids.get(1) + "\",\"nope\"]}";
    JsonNode retried = dash.postJson("/api/queues/" + Q + "/bulk/retry", body).tree();
    assertThat(retried.path("done"))
        .extracting(JsonNode::asText)
        .containsExactly(ids.get(0), ids.get(1));
    assertThat(retried.path("refused").get(0).path("id").asText()).isEqualTo("nope");
    assertThat(dash.audited)
        .extracting(a -> a.method() + " " + a.path() + " " + a.status())
        .contains("POST /api/queues/" + Q + "/bulk/retry 200");
    await().atMost(10, TimeUnit.SECONDS).until(() -> count("completed") == 2);

    JsonNode removed =
        dash.postJson("/api/queues/" + Q + "/bulk/remove", "{\"ids\":[\"" + ids.get(2) + "\"]}")
            .tree();
    assertThat(removed.path("done")).extracting(JsonNode::asText).containsExactly(ids.get(2));
    assertThat(count("failed")).isZero();
    assertThat(dash.postJson("/api/queues/" + Q + "/bulk/retry", "{}").status()).isEqualTo(400);
    assertThat(dash.postJson("/api/queues/" + Q + "/bulk/retry", "not json").status())
        .isEqualTo(400);
  }
}
