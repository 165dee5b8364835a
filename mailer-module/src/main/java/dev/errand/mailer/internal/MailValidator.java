package dev.errand.mailer.internal;

import dev.errand.mailer.Attachment;
import dev.errand.mailer.InvalidMailException;
import dev.errand.mailer.Mail;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a mail before any provider sees it. Addresses were already parsed strictly by the builder;
 * this checks what only makes sense for a whole message: a recipient and a body are present, no
 * header value can smuggle in another header, and attachments stay under the size limit.
 */
public final class MailValidator {

  /** RFC 5322 field names: printable ASCII except the colon. */
  private static final Pattern HEADER_NAME = Pattern.compile("[!-9;-~]+");

  /** Headers the mail's own fields write; setting them as extra headers would conflict. */
  private static final Map<String, String> RESERVED =
      Map.ofEntries(
          Map.entry("from", "from(...)"),
          Map.entry("sender", "from(...)"),
          Map.entry("to", "to(...)"),
          Map.entry("cc", "cc(...)"),
          Map.entry("bcc", "bcc(...)"),
          Map.entry("reply-to", "replyTo(...)"),
          Map.entry("subject", "subject(...)"),
          Map.entry("message-id", "nothing: the provider assigns it"),
          Map.entry("date", "nothing: the provider sets it"),
          Map.entry("mime-version", "nothing: it is set for you"),
          Map.entry("content-type", "text(...), html(...) and attach(...)"),
          Map.entry("content-transfer-encoding", "nothing: it is chosen for you"));

  private static final Set<Character> ALLOWED_CONTROLS = Set.of('\t');

  private final long maxAttachmentBytes;

  public MailValidator(long maxAttachmentBytes) {
    this.maxAttachmentBytes = maxAttachmentBytes;
  }

  /** Throws {@link InvalidMailException} naming the first problem found. */
  public void validate(Mail mail) {
    if (mail.from().isEmpty()) {
      throw new InvalidMailException("it has no sender; set from(...) or MAIL_FROM");
    }
    if (mail.recipients().isEmpty()) {
      throw new InvalidMailException(
          "it has no recipient; add one with to(...), cc(...) or" + " bcc(...)");
    }
    if (isBlank(mail.text().orElse(null)) && isBlank(mail.html().orElse(null))) {
      throw new InvalidMailException(
          "it has no body; set text(...) and/or html(...) (subject: " + safeSubject(mail) + ")");
    }
    mail.subject().ifPresent(subject -> checkHeaderValue("the subject", subject));
    mail.idempotencyKey().ifPresent(key -> checkHeaderValue("the idempotency key", key));
    mail.headers().forEach(this::checkHeader);
    checkAttachments(mail);
  }

  private void checkHeader(String name, String value) {
    if (!HEADER_NAME.matcher(name).matches()) {
      throw new InvalidMailException(
          "the header name '"
              + printable(name)
              + "' must be printable ASCII without spaces or ':'");
    }
    String reserved = RESERVED.get(name.toLowerCase(Locale.ROOT));
    if (reserved != null) {
      throw new InvalidMailException(
          "the header '" + name + "' cannot be set as an extra header; use " + reserved);
    }
    checkHeaderValue("the header '" + name + "'", value);
  }

  private void checkAttachments(Mail mail) {
    long total = 0;
    for (Attachment attachment : mail.attachments()) {
      try {
        total += attachment.size();
      } catch (UncheckedIOException e) {
        throw new InvalidMailException(e.getMessage());
      }
      if (total > maxAttachmentBytes) {
        throw new InvalidMailException(
            "its attachments exceed the limit of "
                + maxAttachmentBytes
                + " bytes (reached at '"
                + attachment.fileName()
                + "'); send a link instead or raise MAIL_MAX_ATTACHMENT_BYTES");
      }
    }
  }

  private static void checkHeaderValue(String what, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\r' || c == '\n') {
        throw new InvalidMailException(
            what + " contains a line break (CR or LF), which could inject headers; remove it");
      }
      if (Character.isISOControl(c) && !ALLOWED_CONTROLS.contains(c)) {
        throw new InvalidMailException(
            what
                + " contains the control character U+"
                + String.format("%04X", (int) c)
                + "; remove it");
      }
    }
  }

  private static String safeSubject(Mail mail) {
    return mail.subject().map(MailValidator::printable).orElse("(none)");
  }

  private static String printable(String value) {
    return value.replaceAll("\\p{Cntrl}", "?");
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
