package dev.errand.devtools.internal.security;

import dev.errand.devtools.internal.http.ApiException;
import dev.errand.devtools.internal.security.Sessions.Session;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * Decides who may call the dashboard: a client with {@code Authorization: Bearer <token>}, or a
 * browser whose session cookie came from the {@code ?token=} link.
 *
 * <p>Actions called with a session cookie must also carry the session's CSRF token in the {@value
 * #CSRF_HEADER} header. A bearer token is exempt: browsers never attach it to a request on their
 * own, so another site cannot make a victim's browser send it, which is the attack CSRF protection
 * is about.
 */
public final class AccessGuard {

  public static final String CSRF_HEADER = "X-CSRF-Token";

  /** Who is calling. */
  public sealed interface Caller {}

  /** A client that presented the token itself. */
  public record BearerCaller() implements Caller {}

  /** A browser with a session opened through the token link. */
  public record SessionCaller(Session session) implements Caller {}

  private final byte[] token;
  private final Sessions sessions;
  private final String cookieName;

  public AccessGuard(String token, Sessions sessions, String cookieName) {
    this.token = token.getBytes(StandardCharsets.UTF_8);
    this.sessions = sessions;
    this.cookieName = cookieName;
  }

  /** Whether {@code candidate} is the configured token, compared in constant time. */
  public boolean isToken(String candidate) {
    return candidate != null
        && MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The caller behind a request's {@code Authorization} and {@code Cookie} headers.
   *
   * @throws ApiException 401 when the request carries no credentials, 403 when they are wrong
   */
  public Caller authenticate(Optional<String> authorization, List<String> cookieHeaders) {
    if (authorization.isPresent()) {
      String value = authorization.get().strip();
      if (!value.regionMatches(true, 0, "Bearer ", 0, 7)) {
        throw new ApiException(
            401, "Use the header 'Authorization: Bearer <DEVTOOLS_TOKEN>' to call the dashboard");
      }
      if (!isToken(value.substring(7).strip())) {
        throw new ApiException(403, "The bearer token is not this dashboard's DEVTOOLS_TOKEN");
      }
      return new BearerCaller();
    }
    Optional<String> sessionId = Cookies.value(cookieHeaders, cookieName);
    if (sessionId.isEmpty()) {
      throw new ApiException(
          401,
          "No credentials: open the dashboard as /?token=<DEVTOOLS_TOKEN>, or send "
              + "'Authorization: Bearer <DEVTOOLS_TOKEN>'");
    }
    return sessions
        .find(sessionId.get())
        .<Caller>map(SessionCaller::new)
        .orElseThrow(
            () ->
                new ApiException(
                    403,
                    "The dashboard session is unknown or expired (the application may have "
                        + "restarted): open /?token=<DEVTOOLS_TOKEN> again"));
  }

  /**
   * Refuses an action sent from another site's page (its {@code Origin} is not this server's {@code
   * Host}), and one whose caller is a browser session without the session's CSRF token.
   *
   * @throws ApiException 403 when the Origin is foreign, or the CSRF header missing or wrong
   */
  public void checkAction(
      Caller caller, Optional<String> csrfHeader, Optional<String> origin, Optional<String> host) {
    if (origin.isPresent() && !sameOrigin(origin.get(), host)) {
      throw new ApiException(
          403,
          "Actions are taken only from the dashboard's own page: Origin "
              + origin.get()
              + " is not this server");
    }
    if (!(caller instanceof SessionCaller(Session session))) {
      return;
    }
    boolean valid =
        csrfHeader.isPresent()
            && MessageDigest.isEqual(
                session.csrfToken().getBytes(StandardCharsets.UTF_8),
                csrfHeader.get().getBytes(StandardCharsets.UTF_8));
    if (!valid) {
      throw new ApiException(
          403,
          "Actions need the "
              + CSRF_HEADER
              + " header with the token from the page's csrf-token meta tag; reload the page");
    }
  }

  /** Whether an Origin ({@code http://host:port}) names the host the request was sent to. */
  private static boolean sameOrigin(String origin, Optional<String> host) {
    int scheme = origin.indexOf("://");
    if (scheme < 0 || host.isEmpty()) {
      return false;
    }
    String authority = origin.substring(scheme + 3);
    return authority.equalsIgnoreCase(host.get().strip());
  }
}
