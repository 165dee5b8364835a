package dev.errand.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RedisServerProcessTest {

  @Test
  void shouldStartStopAndRestartOnTheSamePort() {
    try (RedisServerProcess redis = RedisServerProcess.start()) {
      assertThat(redis.command("SET", "k", "v")).isEqualTo("+OK");
      int port = redis.port();

      redis.stop();
      assertThat(redis.isRunning()).isFalse();
      assertThatThrownBy(() -> redis.command("PING")).isInstanceOf(IllegalStateException.class);

      redis.restart();
      assertThat(redis.port()).isEqualTo(port);
      assertThat(redis.command("PING")).isEqualTo("+PONG");
      assertThat(redis.command("EXISTS", "k")).as("persistence is off").isEqualTo(":0");
    }
  }

  @Test
  void shouldNameTheServerAndQuoteItsLogWhenItDoesNotComeUp() {
    assertThatThrownBy(() -> RedisServerProcess.start("--no-such-option", "x"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("redis-server on port")
        .hasMessageContaining("exited")
        .hasMessageContaining("log tail")
        .hasMessageContaining("no-such-option");
  }
}
