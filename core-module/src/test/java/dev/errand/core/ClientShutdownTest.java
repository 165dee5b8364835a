package dev.errand.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.errand.core.internal.ClientShutdown;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Stopping an application does not hang on a Redis client whose close never ends, as lettuce's
 * cluster client's sometimes does (its own shutdown waits without a bound): the close is given a
 * bounded wait. Such a client cannot be made to hang on demand, so this one's close never ends by
 * construction.
 */
class ClientShutdownTest {

  @Test
  void shouldStopWaitingForAClientWhoseCloseNeverEnds() {
    ClientResources resources = DefaultClientResources.create();
    try {
      NeverClosing client = new NeverClosing(resources);

      assertTimeoutPreemptively(
          Duration.ofSeconds(10),
          () -> ClientShutdown.close(client, "a test", Duration.ofMillis(200)));
      assertThat(client.asked).as("the close was asked for").isTrue();
    } finally {
      resources.shutdown(0, 1, TimeUnit.SECONDS);
    }
  }

  /** A client whose close is under way for ever. */
  private static final class NeverClosing extends RedisClient {

    volatile boolean asked;

    NeverClosing(ClientResources resources) {
      super(resources, RedisURI.create("redis://127.0.0.1:1"));
    }

    @Override
    public CompletableFuture<Void> shutdownAsync(long quietPeriod, long timeout, TimeUnit unit) {
      asked = true;
      return new CompletableFuture<>();
    }
  }
}
