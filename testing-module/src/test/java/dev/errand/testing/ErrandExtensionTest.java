package dev.errand.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Module;
import com.google.inject.name.Names;
import dev.errand.core.Settings;
import dev.errand.testing.sample.SampleApp;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ErrandExtensionTest {

  private static Module clockModule(Clock clock) {
    return binder -> binder.bind(Clock.class).toInstance(clock);
  }

  @RegisterExtension
  static final ErrandExtension errand =
      ErrandExtension.builder()
          .adapters(SampleApp::adapters)
          .module(ErrandExtensionTest::clockModule)
          .modules(binder -> binder.bindConstant().annotatedWith(Names.named("team")).to("core"))
          .settings(Map.of("MAIL_FROM", "Tests <tests@example.com>"))
          .build();

  @Test
  void shouldBuildTheApplicationFromTheTestsSettingsModulesAndAdapters() {
    Settings settings = errand.get(Settings.class);
    assertThat(settings.get("MAIL_PROVIDER")).contains("capture");
    assertThat(settings.get("MAIL_FROM")).contains("Tests <tests@example.com>");
    assertThat(settings.get("JOBS_ENABLED")).contains("false");
    assertThat(settings.get("CRON_ENABLED")).contains("false");
    assertThat(settings.get("DATABASE_URL").orElseThrow()).startsWith("jdbc:h2:mem:errand-test-");
    assertThat(errand.app().adapters())
        .extracting(a -> a.name())
        .containsExactly("MailerAdapter", "QueueAdapter", "CronAdapter");
    assertThat(errand.app().health().up()).isTrue();
  }

  @Test
  void shouldHandTheTestsClockToModulesBuiltFromIt() {
    Clock bound = errand.get(Clock.class);

    errand.advance(Duration.ofMinutes(5));

    assertThat(bound.instant()).isEqualTo(errand.clock().instant());
    assertThat(errand.clock().instant()).isEqualTo("2030-01-01T00:05:00Z");
  }

  @Test
  void shouldRefuseSettingsTheKitDecides() {
    assertThatThrownBy(() -> ErrandExtension.builder().settings(Map.of("JOBS_ENABLED", "true")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("JOBS_ENABLED is the kit's to decide")
        .hasMessageContaining("withWorkers()");
  }

  @Test
  void shouldRequireTheApplicationsAdapters() {
    assertThatThrownBy(() -> ErrandExtension.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("call adapters(settings -> ...)");
  }

  @Test
  void shouldSayHowToUseItWhenNoApplicationRuns() {
    ErrandExtension unused = ErrandExtension.builder().adapters(SampleApp::adapters).build();

    assertThatThrownBy(unused::drain)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("@RegisterExtension");
  }
}
