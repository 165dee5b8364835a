package dev.errand.mailer.internal;

import dev.errand.mailer.CaptureMailer;
import dev.errand.mailer.MailerSettings;
import dev.errand.mailer.internal.console.ConsoleProvider;
import dev.errand.mailer.internal.http.HttpApiProvider;
import dev.errand.mailer.internal.http.Sleeper;
import dev.errand.mailer.internal.smtp.SmtpProvider;
import dev.errand.mailer.spi.MailProvider;
import java.time.Clock;

/** Builds the provider {@code MAIL_PROVIDER} names. */
public final class ProviderFactory {

  private ProviderFactory() {}

  public static MailProvider create(MailerSettings settings, Clock clock) {
    return switch (settings.provider()) {
      case CONSOLE -> new ConsoleProvider(clock);
      case CAPTURE -> new CaptureMailer(clock);
      case SMTP ->
          new SmtpProvider(
              settings.smtp(), settings.connectTimeout(), settings.readTimeout(), clock);
      case HTTP ->
          new HttpApiProvider(
              settings.http(),
              settings.connectTimeout(),
              settings.readTimeout(),
              clock,
              Sleeper.THREAD);
    };
  }
}
