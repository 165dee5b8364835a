package dev.errand.mailer.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.mailer.Mail;
import dev.errand.mailer.MailAddress;
import dev.errand.mailer.MailException;
import dev.errand.mailer.MailReceipt;
import dev.errand.mailer.MailerSettings;
import dev.errand.mailer.internal.http.FakeMailApi.Answer;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpApiProviderTest {

  private static final String API_KEY = "re_test_0123456789abcdef";
  private static final String OK = "{\"id\":\"49a3999c-0ce1-4ea6-ab68-afcd6dc2e794\"}";

  private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
  private final List<Duration> sleeps = new ArrayList<>();
  private final Sleeper recordingSleeper = sleeps::add;
  private FakeMailApi api;

  @BeforeEach
  void startApi() throws Exception {
    api = new FakeMailApi();
  }

  @AfterEach
  void stopApi() {
    api.close();
  }

  private HttpApiProvider provider(int maxRetries) {
    return provider(api.url(), maxRetries, Duration.ofSeconds(5));
  }

  private HttpApiProvider provider(URI url, int maxRetries, Duration readTimeout) {
    MailerSettings.Http http =
        new MailerSettings.Http(
            url, Optional.of(API_KEY), maxRetries, Duration.ofMillis(100), Duration.ofSeconds(30));
    return new HttpApiProvider(http, Duration.ofSeconds(2), readTimeout, clock, recordingSleeper);
  }

  private static Mail simple() {
    return Mail.builder()
        .from("noreply@errand.test")
        .to("alice@example.com")
        .subject("Hi")
        .text("Hello")
        .build();
  }

  @Test
  void shouldPostEveryFieldWithBearerKey() throws Exception {
    api.answer(Answer.of(200, OK));
    Mail mail =
        Mail.builder()
            .from("Errand Team <noreply@errand.test>")
            .to("Alice <alice@example.com>", "bob@example.com")
            .cc("carol@example.com")
            .bcc("audit@example.com")
            .replyTo("support@errand.test")
            .subject("Your invoice")
            .text("See attached")
            .html("<p>See attached</p>")
            .header("X-Entity-Ref-ID", "inv-42")
            .attach("invoice.pdf", "application/pdf", new byte[] {1, 2, 3})
            .idempotencyKey("job-42")
            .build();

    MailReceipt receipt = provider(0).send(mail);

    assertThat(receipt.messageId()).isEqualTo("49a3999c-0ce1-4ea6-ab68-afcd6dc2e794");
    assertThat(receipt.provider()).isEqualTo("http");
    assertThat(receipt.acceptedAt()).isEqualTo(clock.instant());
    assertThat(receipt.accepted())
        .extracting(MailAddress::address)
        .containsExactly(
            "alice@example.com", "bob@example.com", "carol@example.com", "audit@example.com");
    FakeMailApi.Request request = api.requests().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + API_KEY);
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    assertThat(request.header("Idempotency-Key")).isEqualTo("job-42");
    JsonNode json = new ObjectMapper().readTree(request.body());
    assertThat(json.get("from").asText()).isEqualTo("Errand Team <noreply@errand.test>");
    assertThat(texts(json.get("to")))
        .containsExactly("Alice <alice@example.com>", "bob@example.com");
    assertThat(texts(json.get("cc"))).containsExactly("carol@example.com");
    assertThat(texts(json.get("bcc"))).containsExactly("audit@example.com");
    assertThat(texts(json.get("reply_to"))).containsExactly("support@errand.test");
    assertThat(json.get("subject").asText()).isEqualTo("Your invoice");
    assertThat(json.get("text").asText()).isEqualTo("See attached");
    assertThat(json.get("html").asText()).isEqualTo("<p>See attached</p>");
    assertThat(json.get("headers").get("X-Entity-Ref-ID").asText()).isEqualTo("inv-42");
    JsonNode attachment = json.get("attachments").get(0);
    assertThat(attachment.get("filename").asText()).isEqualTo("invoice.pdf");
    assertThat(attachment.get("content_type").asText()).isEqualTo("application/pdf");
    assertThat(Base64.getDecoder().decode(attachment.get("content").asText()))
        .containsExactly(1, 2, 3);
  }

  @Test
  void shouldOmitEmptyOptionalFields() throws Exception {
    api.answer(Answer.of(200, OK));

    provider(0).send(simple());

    JsonNode json = new ObjectMapper().readTree(api.requests().get(0).body());
    assertThat(json.has("cc")).isFalse();
    assertThat(json.has("bcc")).isFalse();
    assertThat(json.has("html")).isFalse();
    assertThat(json.has("attachments")).isFalse();
    assertThat(api.requests().get(0).header("Idempotency-Key")).isNotBlank();
  }

  @Test
  void shouldRetryOn429AndHonourRetryAfterSeconds() {
    api.answer(
        Answer.of(429, Map.of("Retry-After", "2"), "{\"message\":\"Too many requests\"}"),
        Answer.of(200, OK));

    MailReceipt receipt = provider(3).send(simple());

    assertThat(receipt.messageId()).isEqualTo("49a3999c-0ce1-4ea6-ab68-afcd6dc2e794");
    assertThat(sleeps).containsExactly(Duration.ofSeconds(2));
    assertThat(api.requests()).hasSize(2);
    assertThat(api.requests().get(1).header("Idempotency-Key"))
        .as("every attempt of one send carries the same key")
        .isEqualTo(api.requests().get(0).header("Idempotency-Key"));
  }

  @Test
  void shouldRetryOn503AndHonourRetryAfterDate() {
    api.answer(
        Answer.of(503, Map.of("Retry-After", "Sun, 01 Mar 2026 10:00:03 GMT"), "unavailable"),
        Answer.of(200, OK));

    provider(3).send(simple());

    assertThat(sleeps).containsExactly(Duration.ofSeconds(3));
    assertThat(api.requests()).hasSize(2);
  }

  @Test
  void shouldBackOffExponentiallyWithoutRetryAfter() {
    api.answer(
        Answer.of(500, "{\"message\":\"boom\"}"),
        Answer.of(502, "bad gateway"),
        Answer.of(200, OK));

    provider(3).send(simple());

    assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
  }

  @Test
  void shouldGiveUpAfterMaxRetriesNamingStatusAndMessage() {
    api.answer(
        Answer.of(503, "{\"name\":\"internal_server_error\",\"message\":\"try later\"}"),
        Answer.of(503, "{\"name\":\"internal_server_error\",\"message\":\"try later\"}"),
        Answer.of(503, "{\"name\":\"internal_server_error\",\"message\":\"try later\"}"));

    assertThatThrownBy(() -> provider(2).send(simple()))
        .isInstanceOfSatisfying(
            MailException.class,
            e -> {
              assertThat(e.provider()).isEqualTo("http");
              assertThat(e.status()).hasValue(503);
              assertThat(e.retryable()).isTrue();
              assertThat(e.getMessage())
                  .contains("HTTP 503: internal_server_error: try later")
                  .contains("gave up after 3 attempts")
                  .doesNotContain(API_KEY);
            });
    assertThat(api.requests()).hasSize(3);
  }

  @Test
  void shouldFailAtOnceWhenRetryAfterExceedsTheLimit() {
    api.answer(Answer.of(429, Map.of("Retry-After", "600"), "{\"message\":\"slow down\"}"));

    assertThatThrownBy(() -> provider(3).send(simple()))
        .isInstanceOfSatisfying(
            MailException.class,
            e -> {
              assertThat(e.status()).hasValue(429);
              assertThat(e.retryable()).isTrue();
              assertThat(e.getMessage()).contains("600s").contains("MAIL_HTTP_MAX_RETRY_DELAY");
            });
    assertThat(sleeps).isEmpty();
    assertThat(api.requests()).hasSize(1);
  }

  @Test
  void shouldNotRetryOn400Or422() {
    api.answer(
        Answer.of(
            422,
            "{\"statusCode\":422,\"name\":\"validation_error\",\"message\":\"Invalid `to` field.\"}"),
        Answer.of(400, "{\"message\":\"bad request\"}"));
    HttpApiProvider provider = provider(3);

    assertThatThrownBy(() -> provider.send(simple()))
        .isInstanceOfSatisfying(
            MailException.class,
            e -> {
              assertThat(e.status()).hasValue(422);
              assertThat(e.retryable()).isFalse();
              assertThat(e.getMessage()).contains("validation_error: Invalid `to` field.");
            });
    assertThatThrownBy(() -> provider.send(simple()))
        .isInstanceOfSatisfying(MailException.class, e -> assertThat(e.status()).hasValue(400));
    assertThat(api.requests()).hasSize(2);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void shouldHintAtTheKeyOn401WithoutShowingIt() {
    api.answer(Answer.of(401, "{\"message\":\"API key " + API_KEY + " is invalid\"}"));

    assertThatThrownBy(() -> provider(3).send(simple()))
        .isInstanceOf(MailException.class)
        .hasMessageContaining("MAIL_HTTP_API_KEY")
        .hasMessageContaining("API key **** is invalid")
        .hasMessageNotContaining(API_KEY);
  }

  @Test
  void shouldTimeOutWaitingForAResponse() {
    api.answer(Answer.hanging());
    HttpApiProvider provider = provider(api.url(), 0, Duration.ofMillis(300));

    assertThatThrownBy(() -> provider.send(simple()))
        .isInstanceOfSatisfying(
            MailException.class,
            e -> {
              assertThat(e.getMessage()).contains("timed out").contains("MAIL_READ_TIMEOUT");
              assertThat(e.retryable()).isTrue();
            });
  }

  @Test
  void shouldRetryWhenTheApiIsUnreachable() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    URI nowhere = URI.create("http://127.0.0.1:" + closedPort + "/emails");

    assertThatThrownBy(() -> provider(nowhere, 2, Duration.ofSeconds(1)).send(simple()))
        .isInstanceOf(MailException.class)
        .hasMessageContaining("cannot reach " + nowhere)
        .hasMessageContaining("gave up after 3 attempts");
    assertThat(sleeps).hasSize(2);
  }

  @Test
  void shouldReportHealthAsConfiguredWithoutCallingTheApi() {
    assertThat(provider(0).health().up()).isTrue();
    assertThat(provider(0).health().detail()).contains(api.url().toString());
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void shouldParseRetryAfterForms() {
    assertThat(RetryAfter.parse(Optional.of("7"), clock)).contains(Duration.ofSeconds(7));
    assertThat(RetryAfter.parse(Optional.of("Sun, 01 Mar 2026 09:00:00 GMT"), clock))
        .contains(Duration.ZERO);
    assertThat(RetryAfter.parse(Optional.of("soon"), clock)).isEmpty();
    assertThat(RetryAfter.parse(Optional.empty(), clock)).isEmpty();
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(node -> out.add(node.asText()));
    return out;
  }

  static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
