package dev.errand.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errand.core.internal.RedisEndpoints;
import io.lettuce.core.RedisURI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  @Test
  void shouldReadTheSentinelForm() {
    RedisSettings settings =
        RedisSettings.of("redis-sentinel://:pw@10.0.0.1:26379,10.0.0.2,10.0.0.3:26380/2#orders");
    RedisEndpoints endpoints = RedisEndpoints.parse(settings.url());

    assertThat(settings.mode()).isEqualTo(RedisSettings.Mode.SENTINEL);
    assertThat(endpoints.hosts())
        .extracting(RedisEndpoints.HostAndPort::toString)
        .containsExactly("10.0.0.1:26379", "10.0.0.2:26379", "10.0.0.3:26380");
    assertThat(endpoints.masterName()).isEqualTo("orders");
    assertThat(endpoints.database()).isEqualTo(2);
    assertThat(endpoints.password()).isEqualTo("pw");
    assertThat(settings.redactedUrl())
        .isEqualTo("redis-sentinel://:***@10.0.0.1:26379,10.0.0.2,10.0.0.3:26380/2#orders");
  }

  @Test
  void shouldReadTheClusterFormWithTls() {
    RedisEndpoints endpoints =
        RedisEndpoints.parse("rediss-cluster://app:secret@node-a:7000,node-b:7001");

    assertThat(endpoints.mode()).isEqualTo(RedisSettings.Mode.CLUSTER);
    assertThat(endpoints.tls()).isTrue();
    assertThat(endpoints.username()).isEqualTo("app");
    assertThat(endpoints.hosts())
        .extracting(RedisEndpoints.HostAndPort::toString)
        .containsExactly("node-a:7000", "node-b:7001");
  }

  @Test
  void shouldRejectEachMisusedFormSayingWhatIsAllowed() {
    assertThatThrownBy(() -> RedisSettings.of("redis://a:6379,b:6379"))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("REDIS_URL")
        .hasMessageContaining("redis-cluster://")
        .hasMessageContaining("one host only");
    assertThatThrownBy(() -> RedisSettings.of("redis-sentinel://:pw@a:26379"))
        .hasMessageContaining("master's name after #")
        .hasMessageNotContaining("pw@");
    assertThatThrownBy(() -> RedisSettings.of("redis-cluster://a:7000/3"))
        .hasMessageContaining("only database 0");
    assertThatThrownBy(() -> RedisSettings.of("redis://a:6379#orders"))
        .hasMessageContaining("use redis-sentinel://");
    assertThatThrownBy(() -> RedisSettings.of("redis-cluster://a:70000"))
        .hasMessageContaining("must be 1 to 65535");
    assertThatThrownBy(() -> RedisSettings.of("cluster://a:7000"))
        .hasMessageContaining("redis-sentinel://")
        .hasMessageContaining("redis-cluster://");
  }

  @Test
  void shouldRequireTheClientCertificateAndKeyTogetherAndReadable(@TempDir Path dir)
      throws Exception {
    Path cert = Files.writeString(dir.resolve("client.pem"), "not checked here");
    assertThatThrownBy(
            () ->
                RedisSettings.from(
                    Settings.of(
                        Map.of("REDIS_URL", "rediss://h", "REDIS_TLS_CERT", cert.toString()))))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("REDIS_TLS_CERT and REDIS_TLS_KEY go together");
    assertThatThrownBy(
            () ->
                RedisSettings.from(
                    Settings.of(
                        Map.of("REDIS_TLS_CA_CERT", dir.resolve("missing.pem").toString()))))
        .hasMessageContaining("REDIS_TLS_CA_CERT")
        .hasMessageContaining("readable PEM file");
    assertThatThrownBy(
            () -> RedisSettings.from(Settings.of(Map.of("REDIS_TLS_VERIFY", "sometimes"))))
        .hasMessageContaining("REDIS_TLS_VERIFY");
    RedisSettings settings = RedisSettings.from(Settings.of(Map.of("REDIS_TLS_VERIFY", "ca")));
    assertThat(settings.tls().verify()).isEqualTo(RedisSettings.Verify.CA);
  }
}
