package dev.errand.devtools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errand.core.Settings;
import dev.errand.core.SettingsException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DevToolsSettingsTest {

  @Test
  void shouldBeOffOnLoopbackPort9090ByDefault() {
    DevToolsSettings settings = DevToolsSettings.from(Settings.of(Map.of()));

    assertThat(settings.enabled()).isFalse();
    assertThat(settings.token()).isNull();
    assertThat(settings.port()).isEqualTo(9090);
    assertThat(settings.bind()).isEqualTo("127.0.0.1");
  }

  @Test
  void shouldReadEverySetting() {
    DevToolsSettings settings =
        DevToolsSettings.from(
            Settings.of(
                Map.of(
                    "DEVTOOLS_ENABLED", "true",
                    "DEVTOOLS_TOKEN", "a-long-enough-secret",
                    "DEVTOOLS_PORT", "0",
                    "DEVTOOLS_BIND", "0.0.0.0")));

    assertThat(settings)
        .isEqualTo(new DevToolsSettings(true, "a-long-enough-secret", 0, "0.0.0.0"));
  }

  @Test
  void shouldRefuseToEnableWithoutAToken() {
    assertThatThrownBy(() -> DevToolsSettings.from(Settings.of(Map.of("DEVTOOLS_ENABLED", "true"))))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("DEVTOOLS_TOKEN")
        .hasMessageContaining("required");
  }

  @Test
  void shouldRefuseAShortTokenWithoutPrintingIt() {
    assertThatThrownBy(
            () ->
                DevToolsSettings.from(
                    Settings.of(Map.of("DEVTOOLS_ENABLED", "true", "DEVTOOLS_TOKEN", "hunter2"))))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("DEVTOOLS_TOKEN")
        .hasMessageContaining("7 characters")
        .hasMessageContaining("at least 16")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void shouldRefuseAPortOutOfRange() {
    assertThatThrownBy(() -> DevToolsSettings.from(Settings.of(Map.of("DEVTOOLS_PORT", "70000"))))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("DEVTOOLS_PORT");
  }

  @Test
  void shouldKeepTheTokenOutOfToString() {
    DevToolsSettings settings = DevToolsSettings.enabledWithToken("a-long-enough-secret");

    assertThat(settings.toString())
        .doesNotContain("a-long-enough-secret")
        .contains("20 characters");
  }
}
