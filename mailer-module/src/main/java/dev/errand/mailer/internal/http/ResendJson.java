package dev.errand.mailer.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errand.mailer.Attachment;
import dev.errand.mailer.Mail;
import dev.errand.mailer.MailAddress;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The JSON a Resend-compatible API takes and returns. Every field of the mail is carried: cc, bcc,
 * reply_to, headers and base64 attachments included.
 */
final class ResendJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int MAX_ERROR_CHARS = 300;

  private ResendJson() {}

  static byte[] request(Mail mail) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("from", mail.from().orElseThrow().toString());
    addresses(root, "to", mail.to());
    addresses(root, "cc", mail.cc());
    addresses(root, "bcc", mail.bcc());
    addresses(root, "reply_to", mail.replyTo());
    root.put("subject", mail.subject().orElse(""));
    mail.text().filter(t -> !t.isBlank()).ifPresent(text -> root.put("text", text));
    mail.html().filter(h -> !h.isBlank()).ifPresent(html -> root.put("html", html));
    if (!mail.headers().isEmpty()) {
      ObjectNode headers = root.putObject("headers");
      mail.headers().forEach(headers::put);
    }
    if (!mail.attachments().isEmpty()) {
      ArrayNode attachments = root.putArray("attachments");
      for (Attachment a : mail.attachments()) {
        attachments
            .addObject()
            .put("filename", a.fileName())
            .put("content_type", a.contentType())
            .put("content", Base64.getEncoder().encodeToString(a.bytes()));
      }
    }
    try {
      return MAPPER.writeValueAsBytes(root);
    } catch (Exception e) {
      throw new IllegalStateException("cannot write the mail as JSON", e);
    }
  }

  private static void addresses(ObjectNode root, String field, List<MailAddress> addresses) {
    if (!addresses.isEmpty()) {
      ArrayNode array = root.putArray(field);
      addresses.forEach(a -> array.add(a.toString()));
    }
  }

  /** The message id from a success response, if the body has one. */
  static Optional<String> id(String body) {
    return parse(body).map(json -> json.path("id").asText(null));
  }

  /** The API's explanation from an error response: its name and message, or the raw body. */
  static String error(String body) {
    Optional<JsonNode> json = parse(body);
    if (json.isPresent()) {
      String message = text(json.get(), "message").or(() -> text(json.get(), "error")).orElse("");
      String name = text(json.get(), "name").orElse("");
      String both = name.isEmpty() || message.isEmpty() ? name + message : name + ": " + message;
      if (!both.isEmpty()) {
        return both;
      }
    }
    String raw = body == null ? "" : body.strip().replaceAll("\\s+", " ");
    if (raw.isEmpty()) {
      return "(empty response body)";
    }
    return raw.length() > MAX_ERROR_CHARS ? raw.substring(0, MAX_ERROR_CHARS) + "..." : raw;
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    return Optional.of(value.isTextual() ? value.asText() : value.toString());
  }

  private static Optional<JsonNode> parse(String body) {
    if (body == null || body.isBlank()) {
      return Optional.empty();
    }
    try {
      JsonNode node = MAPPER.readTree(body);
      return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
    } catch (Exception notJson) {
      return Optional.empty();
    }
  }
}
