package dev.errand.mailer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An email message, immutable once built.
 *
 * <pre>{@code
 * Mail mail = Mail.builder()
 *     .to("Alice <alice@example.com>")
 *     .cc("team@example.com")
 *     .subject("Welcome to Acme")
 *     .text("Hello Alice, ...")
 *     .html("<p>Hello Alice, ...</p>")
 *     .attach(Attachment.of("terms.pdf", "application/pdf", pdf))
 *     .build();
 * }</pre>
 *
 * <p>Without {@link Builder#from from}, the mailer's default sender ({@code MAIL_FROM}) is used.
 * Addresses are parsed strictly as they are added; the rest (a recipient and a body present, no
 * line breaks in header values, the attachment size limit) is checked by {@link MailerService}
 * before any provider is called.
 */
public final class Mail {

  private final MailAddress from;
  private final List<MailAddress> to;
  private final List<MailAddress> cc;
  private final List<MailAddress> bcc;
  private final List<MailAddress> replyTo;
  private final String subject;
  private final String text;
  private final String html;
  private final List<Attachment> attachments;
  private final Map<String, String> headers;
  private final String idempotencyKey;

  private Mail(Builder b) {
    this.from = b.from;
    this.to = List.copyOf(b.to);
    this.cc = List.copyOf(b.cc);
    this.bcc = List.copyOf(b.bcc);
    this.replyTo = List.copyOf(b.replyTo);
    this.subject = b.subject;
    this.text = b.text;
    this.html = b.html;
    this.attachments = List.copyOf(b.attachments);
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
    this.idempotencyKey = b.idempotencyKey;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this mail's values, for a changed copy. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.from = from;
    b.to.addAll(to);
    b.cc.addAll(cc);
    b.bcc.addAll(bcc);
    b.replyTo.addAll(replyTo);
    b.subject = subject;
    b.text = text;
    b.html = html;
    b.attachments.addAll(attachments);
    b.headers.putAll(headers);
    b.idempotencyKey = idempotencyKey;
    return b;
  }

  /** The sender, unless the mailer's default sender applies. */
  public Optional<MailAddress> from() {
    return Optional.ofNullable(from);
  }

  public List<MailAddress> to() {
    return to;
  }

  public List<MailAddress> cc() {
    return cc;
  }

  /** Blind copies: delivered, but never written into the message's headers. */
  public List<MailAddress> bcc() {
    return bcc;
  }

  public List<MailAddress> replyTo() {
    return replyTo;
  }

  /** Every recipient: to, then cc, then bcc. */
  public List<MailAddress> recipients() {
    return Stream.of(to, cc, bcc).flatMap(List::stream).toList();
  }

  public Optional<String> subject() {
    return Optional.ofNullable(subject);
  }

  /** The plain-text body. */
  public Optional<String> text() {
    return Optional.ofNullable(text);
  }

  /** The HTML body; with a text body too, the mail carries both as alternatives. */
  public Optional<String> html() {
    return Optional.ofNullable(html);
  }

  public List<Attachment> attachments() {
    return attachments;
  }

  /** Extra headers, in the order they were added. */
  public Map<String, String> headers() {
    return headers;
  }

  /**
   * A key that lets a provider recognise a repeated send of the same mail (the HTTP provider sends
   * it as {@code Idempotency-Key}); a job's id makes a good one.
   */
  public Optional<String> idempotencyKey() {
    return Optional.ofNullable(idempotencyKey);
  }

  @Override
  public String toString() {
    return "Mail[from="
        + (from == null ? "(default)" : from)
        + ", to="
        + to
        + (cc.isEmpty() ? "" : ", cc=" + cc)
        + (bcc.isEmpty() ? "" : ", bcc=" + bcc)
        + ", subject="
        + subject
        + "]";
  }

  /** Builds a {@link Mail}. Address methods parse strictly and fail naming the bad address. */
  public static final class Builder {
    private MailAddress from;
    private final List<MailAddress> to = new ArrayList<>();
    private final List<MailAddress> cc = new ArrayList<>();
    private final List<MailAddress> bcc = new ArrayList<>();
    private final List<MailAddress> replyTo = new ArrayList<>();
    private String subject;
    private String text;
    private String html;
    private final List<Attachment> attachments = new ArrayList<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String idempotencyKey;

    private Builder() {}

    public Builder from(String address) {
      this.from = parse("from", address);
      return this;
    }

    public Builder from(MailAddress address) {
      this.from = Objects.requireNonNull(address, "from");
      return this;
    }

    public Builder to(String... addresses) {
      return add(to, "to", addresses);
    }

    public Builder to(MailAddress... addresses) {
      return add(to, "to", List.of(addresses));
    }

    public Builder to(Collection<MailAddress> addresses) {
      return add(to, "to", addresses);
    }

    public Builder cc(String... addresses) {
      return add(cc, "cc", addresses);
    }

    public Builder cc(MailAddress... addresses) {
      return add(cc, "cc", List.of(addresses));
    }

    public Builder cc(Collection<MailAddress> addresses) {
      return add(cc, "cc", addresses);
    }

    public Builder bcc(String... addresses) {
      return add(bcc, "bcc", addresses);
    }

    public Builder bcc(MailAddress... addresses) {
      return add(bcc, "bcc", List.of(addresses));
    }

    public Builder bcc(Collection<MailAddress> addresses) {
      return add(bcc, "bcc", addresses);
    }

    public Builder replyTo(String... addresses) {
      return add(replyTo, "replyTo", addresses);
    }

    public Builder replyTo(MailAddress... addresses) {
      return add(replyTo, "replyTo", List.of(addresses));
    }

    public Builder subject(String subject) {
      this.subject = subject;
      return this;
    }

    public Builder text(String text) {
      this.text = text;
      return this;
    }

    public Builder html(String html) {
      this.html = html;
      return this;
    }

    public Builder attach(Attachment attachment) {
      attachments.add(Objects.requireNonNull(attachment, "attachment"));
      return this;
    }

    public Builder attach(String fileName, String contentType, byte[] bytes) {
      return attach(Attachment.of(fileName, contentType, bytes));
    }

    /** Adds (or replaces) an extra header such as {@code List-Unsubscribe}. */
    public Builder header(String name, String value) {
      headers.put(Objects.requireNonNull(name, "header name"), Objects.requireNonNull(value, name));
      return this;
    }

    /** See {@link Mail#idempotencyKey()}. */
    public Builder idempotencyKey(String key) {
      this.idempotencyKey = key;
      return this;
    }

    public Mail build() {
      return new Mail(this);
    }

    private Builder add(List<MailAddress> list, String field, String... addresses) {
      for (String address : addresses) {
        list.add(parse(field, address));
      }
      return this;
    }

    private Builder add(List<MailAddress> list, String field, Collection<MailAddress> addresses) {
      for (MailAddress address : addresses) {
        list.add(Objects.requireNonNull(address, field));
      }
      return this;
    }

    private static MailAddress parse(String field, String address) {
      Objects.requireNonNull(address, field);
      try {
        return MailAddress.parse(address);
      } catch (InvalidMailException e) {
        throw new InvalidMailException(field + ": " + e.reason());
      }
    }
  }
}
