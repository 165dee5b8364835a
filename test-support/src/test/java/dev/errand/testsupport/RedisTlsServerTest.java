package dev.errand.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RedisTlsServerTest {

  private static RedisTlsServer redis;

  @BeforeAll
  static void startServer() {
    redis = RedisTlsServer.start(RedisTlsServer.ClientAuth.REQUIRED);
  }

  @AfterAll
  static void stopServer() {
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void shouldAnswerPingOverTlsWithTheClientCertificate() {
    assertThat(redis.url()).isEqualTo("rediss://127.0.0.1:" + redis.port());
    List<String> tls =
        List.of(
            "--tls",
            "--cacert",
            redis.caCertificate().toString(),
            "--cert",
            redis.clientCertificate().toString(),
            "--key",
            redis.clientKey().toString());

    assertThat(Processes.cli(redis.port(), tls, "PING").strip()).isEqualTo("PONG");
    assertThat(redis.command("SET", "k", "v")).isEqualTo("OK");
  }

  @Test
  void shouldRefuseAPlaintextConnection() {
    assertThatThrownBy(() -> Processes.cli(redis.port(), List.of(), "PING"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void shouldRefuseATlsClientWithoutACertificateWhenCertificatesAreRequired() {
    List<String> tlsWithoutCertificate =
        List.of("--tls", "--cacert", redis.caCertificate().toString());

    assertThatThrownBy(() -> Processes.cli(redis.port(), tlsWithoutCertificate, "PING"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void shouldLetAJavaClientConnectWithThePemFiles() {
    assertThat(ping(pemFiles())).isEqualTo("PONG");
  }

  @Test
  void shouldLetAJavaClientConnectWithThePkcs12Stores() {
    char[] password = RedisTlsServer.STORE_PASSWORD.toCharArray();
    SslOptions stores =
        SslOptions.builder()
            .jdkSslProvider()
            .truststore(redis.trustStore().toFile(), RedisTlsServer.STORE_PASSWORD)
            .keystore(redis.clientKeyStore().toFile(), password)
            .build();

    assertThat(ping(stores)).isEqualTo("PONG");
  }

  @Test
  void shouldComeBackOnTheSamePortWithTheSameCertificatesAfterACrash() {
    int port = redis.port();
    redis.stop();
    assertThat(redis.isRunning()).isFalse();

    redis.restart();

    assertThat(redis.port()).isEqualTo(port);
    assertThat(ping(pemFiles())).as("a client that trusted the server before").isEqualTo("PONG");
  }

  @Test
  void shouldAcceptATlsClientWithoutACertificateWhenNoneIsAsked() {
    try (RedisTlsServer open = RedisTlsServer.start(RedisTlsServer.ClientAuth.NONE)) {
      List<String> tlsWithoutCertificate =
          List.of("--tls", "--cacert", open.caCertificate().toString());

      assertThat(Processes.cli(open.port(), tlsWithoutCertificate, "PING").strip())
          .isEqualTo("PONG");
    }
  }

  private static SslOptions pemFiles() {
    return SslOptions.builder()
        .jdkSslProvider()
        .trustManager(redis.caCertificate().toFile())
        .keyManager(redis.clientCertificate().toFile(), redis.clientKey().toFile(), null)
        .build();
  }

  private static String ping(SslOptions ssl) {
    RedisClient client = RedisClient.create(RedisURI.create(redis.url()));
    client.setOptions(ClientOptions.builder().sslOptions(ssl).build());
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      return connection.sync().ping();
    } finally {
      client.shutdown();
    }
  }
}
