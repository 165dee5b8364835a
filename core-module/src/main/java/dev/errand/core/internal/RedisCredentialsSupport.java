package dev.errand.core.internal;

import io.lettuce.core.RedisURI;

/** Puts the URL's user and password on a lettuce URI. */
final class RedisCredentialsSupport {

  private RedisCredentialsSupport() {}

  static void apply(RedisURI.Builder builder, RedisEndpoints endpoints) {
    if (endpoints.password() == null) {
      return;
    }
    if (endpoints.username() != null) {
      builder.withAuthentication(endpoints.username(), endpoints.password().toCharArray());
    } else {
      builder.withPassword(endpoints.password().toCharArray());
    }
  }
}
