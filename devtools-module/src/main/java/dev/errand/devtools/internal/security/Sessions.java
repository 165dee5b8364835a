package dev.errand.devtools.internal.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Browser sessions opened by the page's {@code ?token=} link. Each holds its own CSRF token, which
 * the page reads from a meta tag and sends back with every action.
 *
 * <p>Sessions live in memory only: after a restart the user opens the link again. Their number is
 * capped so that repeated logins cannot grow the map without bound.
 */
public final class Sessions {

  /** One browser session. */
  public record Session(String id, String csrfToken, Instant expiresAt) {}

  static final Duration LIFETIME = Duration.ofHours(12);
  static final int MAX_SESSIONS = 256;

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final Clock clock;

  public Sessions(Clock clock) {
    this.clock = clock;
  }

  /** Opens a session with fresh random id and CSRF token. */
  public Session open() {
    Instant now = clock.instant();
    sessions.values().removeIf(s -> !s.expiresAt().isAfter(now));
    while (sessions.size() >= MAX_SESSIONS) {
      sessions.values().stream()
          .min(Comparator.comparing(Session::expiresAt))
          .ifPresent(oldest -> sessions.remove(oldest.id()));
    }
    Session session = new Session(randomToken(), randomToken(), now.plus(LIFETIME));
    sessions.put(session.id(), session);
    return session;
  }

  /** The live session with this id, if any. */
  public Optional<Session> find(String id) {
    Session session = id == null ? null : sessions.get(id);
    if (session == null) {
      return Optional.empty();
    }
    if (!session.expiresAt().isAfter(clock.instant())) {
      sessions.remove(id);
      return Optional.empty();
    }
    return Optional.of(session);
  }

  /** How long a session lasts, for the cookie's Max-Age. */
  public Duration lifetime() {
    return LIFETIME;
  }

  private String randomToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
