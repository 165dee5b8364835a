package dev.errand.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

  enum Provider {
    MEMORY,
    REDIS,
    NODE_CRON
  }

  @Test
  void shouldReturnDefaultsWhenUnsetOrBlank() {
    Settings settings = Settings.of(Map.of("BLANK", "  "));

    assertThat(settings.integer("JOBS_ATTEMPTS", 3, 1, 100)).isEqualTo(3);
    assertThat(settings.bool("BLANK", true)).isTrue();
    assertThat(settings.string("MAIL_FROM", "a@b.c")).isEqualTo("a@b.c");
    assertThat(settings.get("BLANK")).isEmpty();
  }

  @Test
  void shouldParseTypedValues() {
    Settings settings =
        Settings.of(
            Map.of(
                "JOBS_ATTEMPTS", " 5 ",
                "JOBS_ENABLED", "no",
                "JOBS_PROVIDER", "Redis",
                "CRON_PROVIDER", "node-cron",
                "JOBS_BACKOFF_DELAY", "2000",
                "GRACE", "30s",
                "RETENTION", "7d"));

    assertThat(settings.integer("JOBS_ATTEMPTS", 3, 1, 100)).isEqualTo(5);
    assertThat(settings.bool("JOBS_ENABLED", true)).isFalse();
    assertThat(settings.choice("JOBS_PROVIDER", Provider.class, Provider.MEMORY))
        .isEqualTo(Provider.REDIS);
    assertThat(settings.choice("CRON_PROVIDER", Provider.class, Provider.MEMORY))
        .isEqualTo(Provider.NODE_CRON);
    assertThat(settings.duration("JOBS_BACKOFF_DELAY", Duration.ZERO)).hasMillis(2000);
    assertThat(settings.duration("GRACE", Duration.ZERO)).hasSeconds(30);
    assertThat(settings.duration("RETENTION", Duration.ZERO)).hasDays(7);
  }

  @Test
  void shouldNameTheSettingTheValueAndWhatIsAllowedForABadValue() {
    Settings settings =
        Settings.of(
            Map.of(
                "JOBS_ATTEMPTS", "many",
                "JOBS_CONCURRENCY", "0",
                "JOBS_ENABLED", "maybe",
                "JOBS_PROVIDER", "kafka",
                "JOBS_BACKOFF_DELAY", "soon"));

    assertThatThrownBy(() -> settings.integer("JOBS_ATTEMPTS", 3, 1, 100))
        .isInstanceOf(SettingsException.class)
        .hasMessage(
            "Setting JOBS_ATTEMPTS has the invalid value 'many'; allowed: a whole number from 1"
                + " to 100");
    assertThatThrownBy(() -> settings.integer("JOBS_CONCURRENCY", 10, 1, 10_000))
        .hasMessageContaining("JOBS_CONCURRENCY")
        .hasMessageContaining("'0'");
    assertThatThrownBy(() -> settings.bool("JOBS_ENABLED", true))
        .hasMessageContaining("JOBS_ENABLED has the invalid value 'maybe'; allowed: true or false");
    assertThatThrownBy(() -> settings.choice("JOBS_PROVIDER", Provider.class, Provider.MEMORY))
        .hasMessageContaining("'kafka'; allowed: one of memory, redis, node-cron");
    assertThatThrownBy(() -> settings.duration("JOBS_BACKOFF_DELAY", Duration.ZERO))
        .hasMessageContaining("JOBS_BACKOFF_DELAY")
        .hasMessageContaining("500ms, 30s, 5m, 2h, 1d");
  }

  @Test
  void shouldLetSystemPropertiesOverrideTheEnvironment() {
    String name = "ERRAND_TEST_SETTING_" + System.nanoTime();
    System.setProperty(name, "from-property");
    System.setProperty("errand.test.dotted", "dotted");
    try {
      Settings settings = Settings.fromEnv();
      assertThat(settings.string(name, "default")).isEqualTo("from-property");
      assertThat(settings.string("ERRAND_TEST_DOTTED", "default")).isEqualTo("dotted");
      String path = System.getenv("PATH");
      assertThat(settings.string("PATH", "none")).isEqualTo(path);
    } finally {
      System.clearProperty(name);
      System.clearProperty("errand.test.dotted");
    }
  }

  @Test
  void shouldOverlayOverrides() {
    Settings settings = Settings.of(Map.of("A", "1", "B", "2")).with(Map.of("B", "3"));

    assertThat(settings.string("A", "")).isEqualTo("1");
    assertThat(settings.string("B", "")).isEqualTo("3");
  }

  @Test
  void shouldReadARenamedSettingByItsFormerNameUntilTheNewOneIsSet() {
    assertThat(Settings.of(Map.of()).renamed("JOBS_BACKEND", "JOBS_PROVIDER"))
        .isEqualTo("JOBS_BACKEND");
    assertThat(
            Settings.of(Map.of("JOBS_PROVIDER", "redis")).renamed("JOBS_BACKEND", "JOBS_PROVIDER"))
        .isEqualTo("JOBS_PROVIDER");
    assertThat(
            Settings.of(Map.of("JOBS_PROVIDER", "redis", "JOBS_BACKEND", "memory"))
                .renamed("JOBS_BACKEND", "JOBS_PROVIDER"))
        .isEqualTo("JOBS_BACKEND");
  }

  @Test
  void shouldNameAMissingRequiredSetting() {
    assertThatThrownBy(() -> Settings.of(Map.of()).required("MAIL_HTTP_API_KEY", "the API key"))
        .isInstanceOf(SettingsException.class)
        .hasMessage("Setting MAIL_HTTP_API_KEY: is required (the API key)");
  }
}
