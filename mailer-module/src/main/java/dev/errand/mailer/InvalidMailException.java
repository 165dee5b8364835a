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

  /**
   * @param reason what is wrong; control characters in it (a CR or LF smuggled into an address) are
   *     shown escaped, so logging the error cannot forge log lines
   */
  public InvalidMailException(String reason) {
    super("Invalid mail, nothing was sent: " + escape(reason), VALIDATION, false);
    this.reason = escape(reason);
  }

  private static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '\r' -> out.append("\\r");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        default -> {
          if (Character.isISOControl(c)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /** What is wrong with the mail, without the leading "Invalid mail" wording. */
  public String reason() {
    return reason;
  }
}
