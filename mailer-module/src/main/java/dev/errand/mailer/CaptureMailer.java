package dev.errand.mailer;

import dev.errand.core.Health;
import dev.errand.mailer.spi.MailProvider;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code capture} provider: keeps every sent mail in memory instead of delivering it, so an
 * application's own tests can assert what it sent.
 *
 * <pre>{@code
 * ErrandApp app = ErrandApp.builder()
 *     .settings(Settings.of(Map.of("MAIL_PROVIDER", "capture")))
 *     .adapters(new MailerAdapter(MailerSettings.from(settings)), ...)
 *     .start();
 * CaptureMailer outbox = app.get(CaptureMailer.class);
 * // ... run the code under test ...
 * await().until(() -> outbox.sentTo("alice@example.com").size() == 1);
 * outbox.clear();
 * }</pre>
 *
 * <p>Mails are kept after validation and the default sender are applied, exactly as a real provider
 * would receive them. The oldest are dropped past {@value #LIMIT}, so a capture mailer left on by
 * mistake cannot exhaust memory. It is thread-safe.
 */
public final class CaptureMailer implements MailProvider {

  /** How many mails are kept at most. */
  public static final int LIMIT = 10_000;

  private final Deque<Mail> sent = new ArrayDeque<>();
  private final AtomicLong counter = new AtomicLong();
  private final Clock clock;

  public CaptureMailer() {
    this(Clock.systemUTC());
  }

  public CaptureMailer(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String name() {
    return "capture";
  }

  @Override
  public MailReceipt send(Mail mail) {
    synchronized (sent) {
      if (sent.size() == LIMIT) {
        sent.removeFirst();
      }
      sent.addLast(mail);
    }
    return new MailReceipt(
        name(), "capture-" + counter.incrementAndGet(), mail.recipients(), clock.instant());
  }

  /** Every kept mail, oldest first. */
  public List<Mail> sent() {
    synchronized (sent) {
      return List.copyOf(sent);
    }
  }

  /** The kept mails with the address among their to, cc or bcc recipients (case-insensitive). */
  public List<Mail> sentTo(String address) {
    String wanted = address.strip().toLowerCase(Locale.ROOT);
    return sent().stream()
        .filter(
            m ->
                m.recipients().stream()
                    .anyMatch(r -> r.address().toLowerCase(Locale.ROOT).equals(wanted)))
        .toList();
  }

  /** The most recently sent mail. */
  public Optional<Mail> last() {
    synchronized (sent) {
      return Optional.ofNullable(sent.peekLast());
    }
  }

  /** How many mails are kept. */
  public int count() {
    synchronized (sent) {
      return sent.size();
    }
  }

  /** Forgets every kept mail. */
  public void clear() {
    synchronized (sent) {
      sent.clear();
    }
  }

  @Override
  public Health health() {
    return Health.ok("capture: " + count() + " mail(s) kept in memory");
  }
}
