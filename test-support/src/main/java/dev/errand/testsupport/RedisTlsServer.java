package dev.errand.testsupport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A private {@code redis-server} that speaks only TLS, on a free port, with a throwaway CA, a
 * server certificate for {@code 127.0.0.1} and {@code localhost} and a client certificate, all made
 * with the JDK's {@code keytool} when the first TLS server of the JVM starts (and shared by the
 * servers of that JVM).
 *
 * <pre>{@code
 * try (RedisTlsServer redis = RedisTlsServer.start(RedisTlsServer.ClientAuth.REQUIRED)) {
 *   String url = redis.url();               // rediss://127.0.0.1:PORT
 *   Path ca = redis.caCertificate();         // PEM: trust this
 *   Path cert = redis.clientCertificate();   // PEM: present this ...
 *   Path key = redis.clientKey();            // ... with this unencrypted PKCS#8 key
 *   redis.stop();                            // SIGKILL; restart() brings it back on the port
 * }
 * }</pre>
 *
 * <p>For Java clients the same material is in PKCS12 stores: {@link #trustStore()} and {@link
 * #clientKeyStore()}, password {@link #STORE_PASSWORD}. Persistence is off. The server is killed on
 * close and, should a test never close it, when the JVM exits.
 */
public final class RedisTlsServer extends SingleServer {

  /** The password of {@link #trustStore()} and {@link #clientKeyStore()}. */
  public static final String STORE_PASSWORD = TestCertificates.PASSWORD;

  /**
   * Whether the server asks clients for a certificate signed by the CA ({@code tls-auth-clients}).
   */
  public enum ClientAuth {
    /** A client without a certificate is refused. */
    REQUIRED("yes"),
    /** A client may present a certificate, which must then be valid. */
    OPTIONAL("optional"),
    /** No client certificate is asked for. */
    NONE("no");

    private final String setting;

    ClientAuth(String setting) {
      this.setting = setting;
    }
  }

  private final TestCertificates certificates;

  private RedisTlsServer(RedisNodes nodes, RedisNode node, TestCertificates certificates) {
    super(nodes, node);
    this.certificates = certificates;
  }

  /** Starts a server that requires client certificates. */
  public static RedisTlsServer start() {
    return start(ClientAuth.REQUIRED);
  }

  /**
   * Starts the server on a free port, making the certificates first if this is the JVM's first TLS
   * server.
   *
   * @throws IllegalStateException when keytool fails or the server does not come up (with its log
   *     tail); nothing is left running then
   */
  public static RedisTlsServer start(ClientAuth clientAuth) {
    return RedisNodes.startOrClean(
        "errand-redis-tls-",
        nodes -> {
          TestCertificates certificates = TestCertificates.shared();
          int port = FreePorts.one();
          List<String> args =
              new ArrayList<>(List.of("--port", "0", "--tls-port", String.valueOf(port)));
          args.addAll(RedisNode.baseArgs(nodes.dirFor(port)));
          args.addAll(
              List.of(
                  "--tls-cert-file", certificates.serverCertificate().toString(),
                  "--tls-key-file", certificates.serverKey().toString(),
                  "--tls-ca-cert-file", certificates.caCertificate().toString(),
                  "--tls-auth-clients", clientAuth.setting));
          RedisNode node =
              new RedisNode(
                  "TLS redis-server (client certificates "
                      + clientAuth.name().toLowerCase(Locale.ROOT)
                      + ")",
                  nodes.dirFor(port),
                  port,
                  args,
                  p -> "PONG".equals(tlsCommand(certificates, p, "PING")));
          nodes.launch(List.of(node));
          return new RedisTlsServer(nodes, node, certificates);
        });
  }

  /** {@code rediss://127.0.0.1:PORT}. */
  public String url() {
    return "rediss://127.0.0.1:" + port();
  }

  /** The CA certificate (PEM) that signed the server's and the client's certificates. */
  public Path caCertificate() {
    return certificates.caCertificate();
  }

  /** The client certificate (PEM), valid for {@code tls-auth-clients}. */
  public Path clientCertificate() {
    return certificates.clientCertificate();
  }

  /** The client certificate's private key (PEM, unencrypted PKCS#8). */
  public Path clientKey() {
    return certificates.clientKey();
  }

  /** A PKCS12 trust store holding the CA certificate; password {@link #STORE_PASSWORD}. */
  public Path trustStore() {
    return certificates.trustStore();
  }

  /**
   * A PKCS12 key store holding the client key and certificate; password {@link #STORE_PASSWORD}.
   */
  public Path clientKeyStore() {
    return certificates.clientKeyStore();
  }

  /**
   * Sends one command through {@code redis-cli --tls} with the CA and the client certificate; its
   * reply as text.
   */
  public String command(String... args) {
    return tlsCommand(certificates, port(), args);
  }

  private static String tlsCommand(TestCertificates certificates, int port, String... args) {
    List<String> tls =
        List.of(
            "--tls",
            "--cacert",
            certificates.caCertificate().toString(),
            "--cert",
            certificates.clientCertificate().toString(),
            "--key",
            certificates.clientKey().toString());
    return Processes.cli(port, tls, args).strip();
  }
}
