package dev.errand.example.cron;

import dev.errand.cron.Cron;
import dev.errand.example.domain.TokenRepository;
import jakarta.inject.Inject;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes expired refresh tokens every night. */
public final class CleanupCronJobs {

  private static final Logger log = LoggerFactory.getLogger(CleanupCronJobs.class);

  private final TokenRepository tokens;
  private final Clock clock;

  @Inject
  CleanupCronJobs(TokenRepository tokens, Clock clock) {
    this.tokens = tokens;
    this.clock = clock;
  }

  @Cron(value = "0 3 * * *", description = "Clean up expired refresh tokens", timezone = "UTC")
  void cleanupTokens() {
    log.info("Deleted {} expired refresh token(s)", tokens.deleteExpired(clock.instant()));
  }
}
