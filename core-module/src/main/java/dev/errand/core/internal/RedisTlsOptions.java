package dev.errand.core.internal;

import dev.errand.core.RedisSettings;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.SslVerifyMode;

/** Turns Errand's TLS settings into lettuce's. */
final class RedisTlsOptions {

  private RedisTlsOptions() {}

  /** Lettuce's SSL options for {@code tls}, or null when the JVM's defaults do. */
  static SslOptions sslOptions(RedisSettings.Tls tls) {
    if (tls.caCertificate() == null && tls.clientCertificate() == null) {
      return null;
    }
    SslOptions.Builder builder = SslOptions.builder().jdkSslProvider();
    if (tls.caCertificate() != null) {
      builder.trustManager(tls.caCertificate().toFile());
    }
    if (tls.clientCertificate() != null) {
      builder.keyManager(tls.clientCertificate().toFile(), tls.clientKey().toFile(), null);
    }
    return builder.build();
  }

  /** Applies the TLS choice of the URL and of {@code tls} to {@code uri}. */
  static void apply(RedisURI uri, boolean ssl, RedisSettings.Tls tls) {
    uri.setSsl(ssl);
    if (ssl) {
      uri.setVerifyPeer(
          switch (tls.verify()) {
            case FULL -> SslVerifyMode.FULL;
            case CA -> SslVerifyMode.CA;
            case NONE -> SslVerifyMode.NONE;
          });
    }
  }
}
