package dev.errand.devtools.internal.security;

import org.eclipse.jetty.http.HttpFields;

/**
 * The headers every reply of the dashboard carries, its pages and API as well as the server's own
 * answers to requests it could not parse.
 */
public final class SecurityHeaders {

  // The page loads only its own script and style: injected markup could not run code even if some
  // value escaped the page's text-only rendering.
  private static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
          + "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private SecurityHeaders() {}

  /** Puts the headers, replacing any of the same name. */
  public static void apply(HttpFields.Mutable headers) {
    headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("X-Frame-Options", "DENY");
    headers.put("Referrer-Policy", "no-referrer");
    headers.put("Cache-Control", "no-store");
  }
}
