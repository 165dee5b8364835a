package dev.errand.mailer.internal.http;

import dev.errand.core.Health;
import dev.errand.mailer.Mail;
import dev.errand.mailer.MailException;
import dev.errand.mailer.MailReceipt;
import dev.errand.mailer.MailerSettings;
import dev.errand.mailer.spi.MailProvider;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Sends mail to a Resend-compatible JSON API: a POST with a bearer key. 429 and 5xx answers and
 * network errors are retried with exponential backoff, waiting as long as {@code Retry-After} asks
 * when the server says; other 4xx answers fail at once with the API's message. Every attempt of one
 * send carries the same {@code Idempotency-Key}, so a retry after a lost response does not deliver
 * twice.
 */
public final class HttpApiProvider implements MailProvider {

  private final MailerSettings.Http http;
  private final String apiKey;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Clock clock;
  private final Sleeper sleeper;
  private HttpClient client;

  public HttpApiProvider(
      MailerSettings.Http http,
      Duration connectTimeout,
      Duration readTimeout,
      Clock clock,
      Sleeper sleeper) {
    this.http = http;
    this.apiKey =
        http.apiKey()
            .orElseThrow(() -> new IllegalArgumentException("MAIL_HTTP_API_KEY is required"));
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  @Override
  public String name() {
    return "http";
  }

  @Override
  public MailReceipt send(Mail mail) {
    HttpRequest request = request(mail);
    int attempts = http.maxRetries() + 1;
    for (int attempt = 1; ; attempt++) {
      Outcome outcome = attempt(request);
      if (outcome.messageId != null) {
        return new MailReceipt(name(), outcome.messageId, mail.recipients(), clock.instant());
      }
      if (!outcome.retryable) {
        throw fail(outcome.status, outcome.reason, false, outcome.cause);
      }
      if (attempt == attempts) {
        String tries = attempts == 1 ? "" : " (gave up after " + attempts + " attempts)";
        throw fail(outcome.status, outcome.reason + tries, true, outcome.cause);
      }
      int retry = attempt - 1;
      Duration wait = outcome.retryAfter.orElseGet(() -> backoff(retry));
      if (wait.compareTo(http.maxRetryDelay()) > 0) {
        throw fail(
            outcome.status,
            outcome.reason
                + "; the server asked to retry after "
                + wait.toSeconds()
                + "s, longer than MAIL_HTTP_MAX_RETRY_DELAY ("
                + http.maxRetryDelay().toSeconds()
                + "s), so the mail should be retried later",
            true,
            outcome.cause);
      }
      pause(wait, outcome);
    }
  }

  private Outcome attempt(HttpRequest request) {
    HttpResponse<String> response;
    try {
      response = client().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      return Outcome.retry(
          -1,
          "no response from "
              + http.url()
              + " within "
              + readTimeout.toMillis()
              + "ms (timed out); raise MAIL_READ_TIMEOUT if the API is slow",
          Optional.empty(),
          e);
    } catch (IOException e) {
      return Outcome.retry(-1, "cannot reach " + http.url() + ": " + e, Optional.empty(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw fail(-1, "interrupted while sending to " + http.url(), true, e);
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return Outcome.success(ResendJson.id(response.body()).orElse("http-" + UUID.randomUUID()));
    }
    String reason =
        http.url() + " answered HTTP " + status + ": " + ResendJson.error(response.body());
    if (status == 429 || status >= 500) {
      Optional<Duration> retryAfter =
          RetryAfter.parse(response.headers().firstValue("Retry-After"), clock);
      return Outcome.retry(status, reason, retryAfter, null);
    }
    String hint = status == 401 || status == 403 ? "; check MAIL_HTTP_API_KEY" : "";
    return Outcome.fatal(status, reason + hint);
  }

  private HttpRequest request(Mail mail) {
    String key = mail.idempotencyKey().orElseGet(() -> UUID.randomUUID().toString());
    return HttpRequest.newBuilder(http.url())
        .timeout(readTimeout)
        .header("Authorization", "Bearer " + apiKey)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .header("User-Agent", "errand-mailer")
        .header("Idempotency-Key", key)
        .POST(HttpRequest.BodyPublishers.ofByteArray(ResendJson.request(mail)))
        .build();
  }

  private Duration backoff(int retry) {
    Duration wait = http.backoff().multipliedBy(1L << Math.min(retry, 20));
    return wait.compareTo(http.maxRetryDelay()) > 0 ? http.maxRetryDelay() : wait;
  }

  private void pause(Duration wait, Outcome outcome) {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw fail(outcome.status, outcome.reason + "; interrupted while waiting to retry", true, e);
    }
  }

  private MailException fail(int status, String reason, boolean retryable, Throwable cause) {
    return new MailException(name(), status, reason.replace(apiKey, "****"), retryable, cause);
  }

  private synchronized HttpClient client() {
    if (client == null) {
      HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(connectTimeout);
      if ("http".equals(http.url().getScheme())) {
        // Plain-text HTTP/2 needs an upgrade round trip that local relays rarely support.
        builder.version(HttpClient.Version.HTTP_1_1);
      }
      client = builder.build();
    }
    return client;
  }

  /** Configured is all that can be known without sending a mail (which would cost money). */
  @Override
  public Health health() {
    return Health.ok("http: configured for " + http.url());
  }

  @Override
  public synchronized void close() {
    if (client != null) {
      client.shutdownNow();
      client = null;
    }
  }

  /** The outcome of one attempt: a message id, or why it failed and whether to retry. */
  private record Outcome(
      String messageId,
      int status,
      String reason,
      boolean retryable,
      Optional<Duration> retryAfter,
      Throwable cause) {

    static Outcome success(String id) {
      return new Outcome(id, 0, null, false, Optional.empty(), null);
    }

    static Outcome retry(int status, String reason, Optional<Duration> after, Throwable cause) {
      return new Outcome(null, status, reason, true, after, cause);
    }

    static Outcome fatal(int status, String reason) {
      return new Outcome(null, status, reason, false, Optional.empty(), null);
    }
  }
}
