package dev.errand.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A throwaway certificate authority with a server certificate for {@code 127.0.0.1} and {@code
 * localhost} and a client certificate, both signed by it, made with the JDK's {@code keytool} and
 * written as PEM files (keys unencrypted PKCS#8) and as PKCS12 stores for Java clients.
 */
record TestCertificates(
    Path caCertificate,
    Path serverCertificate,
    Path serverKey,
    Path clientCertificate,
    Path clientKey,
    Path trustStore,
    Path clientKeyStore) {

  /** The password of every keystore made here. */
  static final String PASSWORD = "errand-test";

  private static final Duration KEYTOOL_TIMEOUT = Duration.ofSeconds(60);
  private static final String VALIDITY_DAYS = "7";

  private static TestCertificates shared;

  /**
   * This JVM's certificates, made on first use in a temporary directory deleted when the JVM exits:
   * keytool is slow enough (a JVM a step) that every TLS server of a test run shares them.
   */
  static synchronized TestCertificates shared() {
    if (shared == null) {
      Path dir;
      try {
        dir = Files.createTempDirectory("errand-test-certificates-");
      } catch (IOException e) {
        throw new IllegalStateException("Cannot create a directory for certificates", e);
      }
      Processes.deleteAtExit(dir);
      shared = create(dir);
    }
    return shared;
  }

  /** Makes the certificates and keys in {@code dir}. */
  static TestCertificates create(Path dir) {
    // keytool starts a JVM each time: the CA and the two leaf keys are made side by side.
    Path caStore = dir.resolve("ca.p12");
    CompletableFuture<Void> ca =
        CompletableFuture.runAsync(
            () -> genkeypair("ca", caStore, "CN=Errand test CA", "-ext", "bc:c"));
    CompletableFuture<Void> server = leaf(dir, "server", "CN=localhost", "eku=serverAuth", ca);
    CompletableFuture<Void> client =
        leaf(dir, "client", "CN=errand-test-client", "eku=clientAuth", ca);
    try {
      CompletableFuture.allOf(server, client).join();
      return writeFiles(dir);
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  /**
   * A key pair and a certificate request for {@code 127.0.0.1} and {@code localhost}, then, once
   * the CA exists, the certificate it signs.
   */
  private static CompletableFuture<Void> leaf(
      Path dir, String name, String dname, String usage, CompletableFuture<Void> ca) {
    Path store = dir.resolve(name + ".p12");
    Path request = dir.resolve(name + ".csr");
    return CompletableFuture.runAsync(
            () -> {
              genkeypair(name, store, dname);
              keytool("-certreq", "-alias", name, "-keystore", store, "-file", request);
            })
        .thenCombine(ca, (requested, signer) -> null)
        .thenRun(
            () ->
                keytool(
                    "-gencert",
                    "-alias",
                    "ca",
                    "-keystore",
                    dir.resolve("ca.p12"),
                    "-infile",
                    request,
                    "-outfile",
                    dir.resolve(name + ".pem"),
                    "-rfc",
                    "-validity",
                    VALIDITY_DAYS,
                    "-ext",
                    "san=ip:127.0.0.1,dns:localhost",
                    "-ext",
                    usage));
  }

  private static void genkeypair(String alias, Path store, String dname, Object... more) {
    List<Object> args =
        new ArrayList<>(
            List.of(
                "-genkeypair",
                "-alias",
                alias,
                "-keystore",
                store,
                "-storetype",
                "PKCS12",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-validity",
                VALIDITY_DAYS,
                "-dname",
                dname));
    args.addAll(List.of(more));
    keytool(args.toArray());
  }

  /** Runs keytool with {@code args} (paths or strings) and the keystores' password. */
  private static void keytool(Object... args) {
    List<String> command = new ArrayList<>(List.of(Processes.keytool().toString()));
    for (Object arg : args) {
      command.add(arg.toString());
    }
    command.addAll(List.of("-storepass", PASSWORD, "-noprompt"));
    // A short-lived JVM: the client compiler and the serial collector halve keytool's CPU time.
    command.addAll(List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"));
    Processes.run(command, KEYTOOL_TIMEOUT);
  }

  private static TestCertificates writeFiles(Path dir) {
    try {
      Certificate caCertificate = load(dir.resolve("ca.p12")).getCertificate("ca");
      Path caPem = dir.resolve("ca.pem");
      writePem(caPem, "CERTIFICATE", caCertificate.getEncoded());
      Path serverKey = dir.resolve("server-key.pem");
      writePem(
          serverKey,
          "PRIVATE KEY",
          load(dir.resolve("server.p12")).getKey("server", password()).getEncoded());
      Key clientKey = load(dir.resolve("client.p12")).getKey("client", password());
      Path clientKeyPem = dir.resolve("client-key.pem");
      writePem(clientKeyPem, "PRIVATE KEY", clientKey.getEncoded());

      KeyStore trustStore = emptyStore();
      trustStore.setCertificateEntry("ca", caCertificate);
      Path trustStoreFile = store(trustStore, dir.resolve("truststore.p12"));
      KeyStore clientStore = emptyStore();
      clientStore.setKeyEntry(
          "client",
          clientKey,
          password(),
          new Certificate[] {readCertificate(dir.resolve("client.pem")), caCertificate});
      Path clientStoreFile = store(clientStore, dir.resolve("client-keystore.p12"));
      return new TestCertificates(
          caPem,
          dir.resolve("server.pem"),
          serverKey,
          dir.resolve("client.pem"),
          clientKeyPem,
          trustStoreFile,
          clientStoreFile);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(
          "Cannot write the test certificates in " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void writePem(Path file, String type, byte[] der) throws IOException {
    String base64 =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    Files.writeString(
        file, "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n");
  }

  private static Certificate readCertificate(Path pem)
      throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(pem)) {
      return CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private static KeyStore load(Path file) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, password());
    }
    return store;
  }

  private static KeyStore emptyStore() throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, password());
    return store;
  }

  private static Path store(KeyStore store, Path file)
      throws IOException, GeneralSecurityException {
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, password());
    }
    return file;
  }

  private static char[] password() {
    return PASSWORD.toCharArray();
  }
}
