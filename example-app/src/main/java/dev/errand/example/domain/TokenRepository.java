package dev.errand.example.domain;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;

/** Refresh tokens; only their expiry matters to this example. */
@Singleton
public final class TokenRepository {

  private final Sql sql;

  @Inject
  public TokenRepository(Sql sql) {
    this.sql = sql;
  }

  public void issue(long userId, String token, Instant expiresAt) {
    sql.update(
        "INSERT INTO refresh_tokens (user_id, token, expires_at) VALUES (?, ?, ?)",
        userId,
        token,
        expiresAt);
  }

  /** Deletes tokens that expired before {@code now}; returns how many. */
  public int deleteExpired(Instant now) {
    return sql.update("DELETE FROM refresh_tokens WHERE expires_at < ?", now);
  }

  public int count() {
    return sql.one("SELECT COUNT(*) FROM refresh_tokens", row -> row.getInt(1)).orElse(0);
  }
}
