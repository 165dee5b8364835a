package dev.errand.mailer;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Proof that a provider accepted a mail.
 *
 * @param provider the provider that accepted it, e.g. {@code smtp}
 * @param messageId the provider's id for the message (the SMTP Message-ID, or the API's id)
 * @param accepted the recipients the provider accepted
 * @param acceptedAt when the provider accepted it
 */
public record MailReceipt(
    String provider, String messageId, List<MailAddress> accepted, Instant acceptedAt) {

  public MailReceipt {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(messageId, "messageId");
    accepted = List.copyOf(accepted);
    Objects.requireNonNull(acceptedAt, "acceptedAt");
  }
}
