package dev.errand.mailer.internal.smtp;

import dev.errand.mailer.Attachment;
import dev.errand.mailer.Mail;
import dev.errand.mailer.MailAddress;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Turns a {@link Mail} into a MIME message: text and html become {@code multipart/alternative},
 * attachments wrap that in {@code multipart/mixed}, and Bcc recipients are left out of the headers
 * entirely (they only appear in the SMTP envelope).
 */
final class MimeMessageFactory {

  private static final String UTF_8 = "UTF-8";

  private MimeMessageFactory() {}

  static MimeMessage create(Session session, Mail mail, Instant now) throws MessagingException {
    MailAddress from = mail.from().orElseThrow();
    String messageId = "<" + UUID.randomUUID() + "@" + from.domain() + ">";
    MimeMessage message = new FixedIdMessage(session, messageId);
    message.setFrom(internet(from));
    message.setRecipients(Message.RecipientType.TO, internet(mail.to()));
    if (!mail.cc().isEmpty()) {
      message.setRecipients(Message.RecipientType.CC, internet(mail.cc()));
    }
    if (!mail.replyTo().isEmpty()) {
      message.setReplyTo(internet(mail.replyTo()));
    }
    message.setSubject(mail.subject().orElse(""), UTF_8);
    message.setSentDate(Date.from(now));
    for (var header : mail.headers().entrySet()) {
      String encoded = encode(header.getValue());
      message.setHeader(header.getKey(), MimeUtility.fold(header.getKey().length() + 2, encoded));
    }
    if (mail.attachments().isEmpty()) {
      fillBody(message, mail);
    } else {
      MimeMultipart mixed = new MimeMultipart("mixed");
      MimeBodyPart body = new MimeBodyPart();
      fillBody(body, mail);
      mixed.addBodyPart(body);
      for (Attachment attachment : mail.attachments()) {
        mixed.addBodyPart(attachmentPart(attachment));
      }
      message.setContent(mixed);
    }
    message.saveChanges();
    return message;
  }

  /** Envelope recipients: to, cc and bcc. */
  static InternetAddress[] envelope(Mail mail) throws MessagingException {
    return internet(mail.recipients());
  }

  private static void fillBody(Part part, Mail mail) throws MessagingException {
    String text = mail.text().filter(t -> !t.isBlank()).orElse(null);
    String html = mail.html().filter(h -> !h.isBlank()).orElse(null);
    if (text != null && html != null) {
      MimeMultipart alternative = new MimeMultipart("alternative");
      MimeBodyPart textPart = new MimeBodyPart();
      textPart.setText(text, UTF_8, "plain");
      MimeBodyPart htmlPart = new MimeBodyPart();
      htmlPart.setText(html, UTF_8, "html");
      alternative.addBodyPart(textPart);
      alternative.addBodyPart(htmlPart);
      part.setContent(alternative);
    } else if (html != null) {
      setText(part, html, "html");
    } else {
      setText(part, text, "plain");
    }
  }

  private static void setText(Part part, String text, String subtype) throws MessagingException {
    if (part instanceof MimeMessage message) {
      message.setText(text, UTF_8, subtype);
    } else {
      ((MimeBodyPart) part).setText(text, UTF_8, subtype);
    }
  }

  private static MimeBodyPart attachmentPart(Attachment attachment) throws MessagingException {
    MimeBodyPart part = new MimeBodyPart();
    part.setDataHandler(
        new DataHandler(new ByteArrayDataSource(attachment.bytes(), attachment.contentType())));
    part.setDisposition(Part.ATTACHMENT);
    part.setFileName(encode(attachment.fileName()));
    return part;
  }

  private static String encode(String value) throws MessagingException {
    try {
      return MimeUtility.encodeText(value, UTF_8, null);
    } catch (UnsupportedEncodingException e) {
      throw new MessagingException("UTF-8 is not supported", e);
    }
  }

  private static InternetAddress internet(MailAddress address) throws MessagingException {
    try {
      return new InternetAddress(address.address(), address.name().orElse(null), UTF_8);
    } catch (UnsupportedEncodingException e) {
      throw new MessagingException("UTF-8 is not supported", e);
    }
  }

  private static InternetAddress[] internet(List<MailAddress> addresses) throws MessagingException {
    InternetAddress[] result = new InternetAddress[addresses.size()];
    for (int i = 0; i < result.length; i++) {
      result[i] = internet(addresses.get(i));
    }
    return result;
  }

  /**
   * A message whose Message-ID is chosen up front. The default implementation derives it from the
   * local host name, which can mean a slow DNS lookup on every send.
   */
  private static final class FixedIdMessage extends MimeMessage {
    private final String messageId;

    FixedIdMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }
}
