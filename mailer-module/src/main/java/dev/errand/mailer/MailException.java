package dev.errand.mailer;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A mail could not be sent. The message names the provider that failed and its reason (the SMTP
 * reply, the HTTP status and the API's message), and never contains a password or API key.
 *
 * <p>{@link #retryable()} tells a job processor whether sending the same mail again later may
 * succeed: a server that is down or rate-limiting is retryable, a rejected address is not.
 */
public class MailException extends RuntimeException {

  private final String provider;
  private final int status;
  private final boolean retryable;

  /**
   * @param provider the provider's name, e.g. {@code smtp} or {@code http}
   * @param status the provider's status code (SMTP reply or HTTP status), or -1 when there is none
   * @param reason what went wrong and, where known, how to fix it
   * @param retryable whether a later attempt with the same mail may succeed
   * @param cause the underlying exception, or null
   */
  public MailException(
      String provider, int status, String reason, boolean retryable, Throwable cause) {
    super(describe(provider, status, reason), cause);
    this.provider = Objects.requireNonNull(provider, "provider");
    this.status = status;
    this.retryable = retryable;
  }

  /** A failure without a status code. */
  public MailException(String provider, String reason, boolean retryable, Throwable cause) {
    this(provider, -1, reason, retryable, cause);
  }

  /** For subclasses that word their own message. */
  protected MailException(String message, String provider, boolean retryable) {
    super(message);
    this.provider = Objects.requireNonNull(provider, "provider");
    this.status = -1;
    this.retryable = retryable;
  }

  private static String describe(String provider, int status, String reason) {
    String code = status >= 0 ? " (status " + status + ")" : "";
    return "Mail provider '" + provider + "' failed" + code + ": " + reason;
  }

  /**
   * The name of the provider that failed ({@code validation} for a mail refused before sending).
   */
  public String provider() {
    return provider;
  }

  /** The provider's status code: the SMTP reply code or the HTTP status, when there is one. */
  public OptionalInt status() {
    return status >= 0 ? OptionalInt.of(status) : OptionalInt.empty();
  }

  /** Whether sending the same mail again later may succeed. */
  public boolean retryable() {
    return retryable;
  }
}
