package dev.errand.mailer;

/**
 * A mail was refused before any provider saw it: a malformed address, a line break in a header
 * value, no recipient, no body, attachments over the size limit. Sending it again cannot succeed,
 * so it is never {@linkplain #retryable() retryable}.
 */
public final class InvalidMailException extends MailException {

  /** The pseudo-provider name reported for mails refused by validation. */
  public static final String VALIDATION = "validation";

  private final String reason;

  public InvalidMailException(String reason) {
    super("Invalid mail, nothing was sent: " + reason, VALIDATION, false);
    this.reason = reason;
  }

  /** What is wrong with the mail, without the leading "Invalid mail" wording. */
  public String reason() {
    return reason;
  }
}
