package dev.errand.devtools.internal.security;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Reads and writes the session cookie. */
public final class Cookies {

  private Cookies() {}

  /** The value of cookie {@code name} among a request's {@code Cookie} headers. */
  public static Optional<String> value(List<String> cookieHeaders, String name) {
    if (cookieHeaders == null) {
      return Optional.empty();
    }
    for (String header : cookieHeaders) {
      for (String part : header.split(";")) {
        int eq = part.indexOf('=');
        if (eq > 0 && part.substring(0, eq).strip().equals(name)) {
          String value = part.substring(eq + 1).strip();
          return value.isEmpty() ? Optional.empty() : Optional.of(value);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * A {@code Set-Cookie} value that scripts cannot read (HttpOnly) and that browsers send only on
   * requests from the dashboard's own pages (SameSite=Strict).
   */
  public static String sessionCookie(String name, String value, Duration maxAge) {
    return name
        + "="
        + value
        + "; Path=/; HttpOnly; SameSite=Strict; Max-Age="
        + maxAge.toSeconds();
  }
}
