package dev.errand.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.testsupport.RedisTlsServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ErrandRedis on a TLS-only server whose certificates come from a CA made for the test. */
class ErrandRedisTlsTest {

  private static RedisTlsServer server;

  @BeforeAll
  static void startServer() {
    server = RedisTlsServer.start(RedisTlsServer.ClientAuth.REQUIRED);
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  private static RedisSettings settings(Map<String, String> tls) {
    return RedisSettings.from(
        Settings.of(Map.of("REDIS_URL", server.url(), "REDIS_COMMAND_TIMEOUT", "2s")).with(tls));
  }

  @Test
  void shouldConnectWithTheCaAndClientCertificateFromSettings() {
    RedisSettings settings =
        settings(
            Map.of(
                "REDIS_TLS_CA_CERT", server.caCertificate().toString(),
                "REDIS_TLS_CERT", server.clientCertificate().toString(),
                "REDIS_TLS_KEY", server.clientKey().toString()));
    try (ErrandRedis redis = new ErrandRedis(settings)) {
      redis.commands().set("tls-key", "over tls");
      assertThat(redis.commands().get("tls-key")).isEqualTo("over tls");
      assertThat(redis.health().up()).isTrue();
    }
  }

  @Test
  void shouldBeDownNamingTheServerWhenItsCertificateIsNotTrusted() {
    // The JVM's trust store does not know the test's CA: full verification must refuse the server.
    RedisSettings settings =
        settings(
            Map.of(
                "REDIS_TLS_CERT", server.clientCertificate().toString(),
                "REDIS_TLS_KEY", server.clientKey().toString()));
    try (ErrandRedis redis = new ErrandRedis(settings)) {
      Health health = redis.health();
      assertThat(health.up()).isFalse();
      assertThat(health.detail()).contains("Cannot connect to Redis at " + server.url());
    }
  }

  @Test
  void shouldBeRefusedWithoutTheClientCertificateTheServerRequires() {
    RedisSettings settings =
        settings(Map.of("REDIS_TLS_CA_CERT", server.caCertificate().toString()));
    try (ErrandRedis redis = new ErrandRedis(settings)) {
      assertThat(redis.health().up()).isFalse();
    }
  }
}
