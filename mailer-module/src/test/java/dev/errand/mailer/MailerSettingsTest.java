package dev.errand.mailer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errand.core.Settings;
import dev.errand.core.SettingsException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MailerSettingsTest {

  @Test
  void shouldDefaultToConsoleWithSafeDefaults() {
    MailerSettings settings = MailerSettings.from(Settings.of(Map.of()));

    assertThat(settings.enabled()).isTrue();
    assertThat(settings.provider()).isEqualTo(MailerSettings.Provider.CONSOLE);
    assertThat(settings.from()).isEqualTo(MailAddress.of("noreply@localhost", "Errand"));
    assertThat(settings.smtp().tls()).isEqualTo(MailerSettings.Tls.STARTTLS);
    assertThat(settings.smtp().port()).isEqualTo(587);
    assertThat(settings.http().url()).isEqualTo(URI.create("https://api.resend.com/emails"));
    assertThat(settings.http().maxRetries()).isEqualTo(3);
    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.maxAttachmentBytes()).isEqualTo(10L * 1024 * 1024);
    assertThat(settings.templates()).isEqualTo("mail");
  }

  @Test
  void shouldReadSmtpSettings() {
    MailerSettings settings =
        MailerSettings.from(
            Settings.of(
                Map.of(
                    "MAIL_PROVIDER", "smtp",
                    "MAIL_SMTP_HOST", "smtp.example.com",
                    "MAIL_SMTP_TLS", "implicit",
                    "MAIL_SMTP_USERNAME", "apikey",
                    "MAIL_SMTP_PASSWORD", "hunter2",
                    "MAIL_CONNECT_TIMEOUT", "3s",
                    "MAIL_FROM", "\"Acme, Inc.\" <noreply@acme.test>",
                    "MAIL_TEMPLATES", "/templates/mail/",
                    "MAIL_SMTP_TRUSTED_HOSTS", "relay.internal, smtp.example.com")));

    assertThat(settings.smtp().host()).isEqualTo("smtp.example.com");
    assertThat(settings.smtp().port()).isEqualTo(465);
    assertThat(settings.smtp().username()).contains("apikey");
    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(settings.from().name()).contains("Acme, Inc.");
    assertThat(settings.templates()).isEqualTo("templates/mail");
    assertThat(settings.smtp().trustedHosts())
        .containsExactlyInAnyOrder("relay.internal", "smtp.example.com");
    assertThat(settings.toString()).doesNotContain("hunter2").contains("password=****");
  }

  @Test
  void shouldRequireTheHostForSmtp() {
    assertThatThrownBy(() -> MailerSettings.from(Settings.of(Map.of("MAIL_PROVIDER", "smtp"))))
        .isInstanceOfSatisfying(
            SettingsException.class, e -> assertThat(e.setting()).isEqualTo("MAIL_SMTP_HOST"));
  }

  @Test
  void shouldRequireThePasswordWithAUsername() {
    assertThatThrownBy(
            () ->
                MailerSettings.from(
                    Settings.of(
                        Map.of(
                            "MAIL_PROVIDER", "smtp",
                            "MAIL_SMTP_HOST", "h",
                            "MAIL_SMTP_USERNAME", "u"))))
        .isInstanceOfSatisfying(
            SettingsException.class, e -> assertThat(e.setting()).isEqualTo("MAIL_SMTP_PASSWORD"));
  }

  @Test
  void shouldRequireTheApiKeyForHttpAndHideIt() {
    assertThatThrownBy(() -> MailerSettings.from(Settings.of(Map.of("MAIL_PROVIDER", "http"))))
        .isInstanceOfSatisfying(
            SettingsException.class, e -> assertThat(e.setting()).isEqualTo("MAIL_HTTP_API_KEY"));

    MailerSettings settings =
        MailerSettings.from(
            Settings.of(Map.of("MAIL_PROVIDER", "http", "MAIL_HTTP_API_KEY", "re_secret")));
    assertThat(settings.http().apiKey()).contains("re_secret");
    assertThat(settings.toString()).doesNotContain("re_secret");
  }

  @Test
  void shouldRefuseBadValuesNamingTheSetting() {
    assertSetting(
        Map.of("MAIL_PROVIDER", "pigeon"), "MAIL_PROVIDER", "console, smtp, http, capture");
    assertSetting(Map.of("MAIL_FROM", "not an address"), "MAIL_FROM", "not an address");
    assertSetting(Map.of("MAIL_SMTP_TLS", "ssl"), "MAIL_SMTP_TLS", "none, starttls, implicit");
    assertSetting(Map.of("MAIL_HTTP_URL", "ftp://x"), "MAIL_HTTP_URL", "http or https");
    assertSetting(Map.of("MAIL_HTTP_MAX_RETRIES", "99"), "MAIL_HTTP_MAX_RETRIES", "0 to 10");
    assertSetting(Map.of("MAIL_READ_TIMEOUT", "0"), "MAIL_READ_TIMEOUT", "above zero");
    assertSetting(Map.of("MAIL_ENABLED", "maybe"), "MAIL_ENABLED", "true or false");
    assertSetting(Map.of("MAIL_TEMPLATES", "../etc"), "MAIL_TEMPLATES", "classpath folder");
    assertSetting(Map.of("MAIL_SMTP_TRUSTED_HOSTS", "*"), "MAIL_SMTP_TRUSTED_HOSTS", "host names");
  }

  private static void assertSetting(Map<String, String> values, String setting, String allowed) {
    assertThatThrownBy(() -> MailerSettings.from(Settings.of(values)))
        .isInstanceOfSatisfying(
            SettingsException.class, e -> assertThat(e.setting()).isEqualTo(setting))
        .hasMessageContaining(allowed);
  }
}
