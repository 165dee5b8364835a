package dev.errand.devtools.internal.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionsTest {

  /** A clock the test moves by hand. */
  private static final class HandClock extends Clock {
    private Instant now = Instant.parse("2026-03-01T10:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  @Test
  void shouldForgetASessionOnceItsLifetimeHasPassed() {
    HandClock clock = new HandClock();
    Sessions sessions = new Sessions(clock);
    Sessions.Session session = sessions.open();

    clock.now = clock.now.plus(Sessions.LIFETIME).minusSeconds(1);
    assertThat(sessions.find(session.id())).contains(session);

    clock.now = clock.now.plus(Duration.ofSeconds(1));
    assertThat(sessions.find(session.id())).isEmpty();
  }

  @Test
  void shouldGiveEverySessionItsOwnRandomIdAndCsrfToken() {
    Sessions sessions = new Sessions(new HandClock());
    Sessions.Session a = sessions.open();
    Sessions.Session b = sessions.open();

    assertThat(a.id()).isNotEqualTo(b.id()).isNotEqualTo(a.csrfToken()).hasSize(43);
    assertThat(a.csrfToken()).isNotEqualTo(b.csrfToken());
    assertThat(sessions.find("made-up")).isEmpty();
    assertThat(sessions.find(null)).isEmpty();
  }

  @Test
  void shouldDropTheOldestSessionsBeyondTheCap() {
    HandClock clock = new HandClock();
    Sessions sessions = new Sessions(clock);
    List<Sessions.Session> opened = new ArrayList<>();
    for (int i = 0; i < Sessions.MAX_SESSIONS + 5; i++) {
      clock.now = clock.now.plusMillis(1);
      opened.add(sessions.open());
    }

    assertThat(sessions.find(opened.get(0).id())).isEmpty();
    assertThat(sessions.find(opened.get(4).id())).isEmpty();
    assertThat(sessions.find(opened.get(5).id())).isPresent();
    assertThat(sessions.find(opened.getLast().id())).isPresent();
  }
}
