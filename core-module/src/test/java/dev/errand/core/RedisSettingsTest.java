package dev.errand.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedisSettingsTest {

  @Test
  void shouldDefaultToTheLocalServer() {
    RedisSettings settings = RedisSettings.from(Settings.of(Map.of()));

    assertThat(settings.url()).isEqualTo("redis://127.0.0.1:6379");
    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void shouldAcceptPasswordDatabaseAndTls() {
    RedisSettings settings =
        RedisSettings.from(
            Settings.of(Map.of("REDIS_URL", "rediss://app:pw@cache.internal:6380/3")));
    RedisURI uri = RedisURI.create(settings.url());

    assertThat(uri.isSsl()).isTrue();
    assertThat(uri.getDatabase()).isEqualTo(3);
    assertThat(uri.getUsername()).isEqualTo("app");
    assertThat(new String(uri.getPassword())).isEqualTo("pw");
    assertThat(uri.getPort()).isEqualTo(6380);
    assertThat(settings.redactedUrl()).isEqualTo("rediss://app:***@cache.internal:6380/3");
  }

  @Test
  void shouldRejectABadUrlNamingTheSettingWithoutThePassword() {
    assertThatThrownBy(
            () -> RedisSettings.from(Settings.of(Map.of("REDIS_URL", "http://:pw@host:6379"))))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("REDIS_URL")
        .hasMessageContaining("rediss://")
        .hasMessageNotContaining("pw@");
    assertThatThrownBy(
            () -> RedisSettings.from(Settings.of(Map.of("REDIS_URL", "redis://host:6379/db"))))
        .hasMessageContaining("the database must be a number");
  }
}
