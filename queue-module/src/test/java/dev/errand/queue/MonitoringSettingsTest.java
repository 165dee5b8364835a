package dev.errand.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errand.core.Settings;
import dev.errand.core.SettingsException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MonitoringSettingsTest {

  private static MonitoringSettings read(Map<String, String> values) {
    return QueueSettings.from(Settings.of(values)).monitoring();
  }

  @Test
  void shouldDefaultToAFiveSecondBeatAThirtySecondLeaseAndADayOfHistory() {
    MonitoringSettings defaults = read(Map.of());
    assertThat(defaults.heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(defaults.heartbeatLease()).isEqualTo(Duration.ofSeconds(30));
    assertThat(defaults.historyRetention()).isEqualTo(Duration.ofHours(25));
    assertThat(defaults.appName()).isNotBlank();
    assertThat(read(Map.of("ERRAND_APP_NAME", "billing")).appName()).isEqualTo("billing");
  }

  @Test
  void shouldRefuseALeaseNoLongerThanTheInterval() {
    assertThatThrownBy(
            () -> read(Map.of("JOBS_HEARTBEAT_INTERVAL", "10s", "JOBS_HEARTBEAT_LEASE", "10s")))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("JOBS_HEARTBEAT_LEASE")
        .hasMessageContaining("longer than JOBS_HEARTBEAT_INTERVAL");
  }

  @Test
  void shouldRefuseAHistoryRetentionOutsideAnHourToThirtyDays() {
    assertThatThrownBy(() -> read(Map.of("JOBS_HISTORY_RETENTION", "30m")))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("JOBS_HISTORY_RETENTION")
        .hasMessageContaining("from 1h to 30d");
    assertThatThrownBy(() -> read(Map.of("JOBS_HISTORY_RETENTION", "31d")))
        .isInstanceOf(SettingsException.class);
    assertThat(read(Map.of("JOBS_HISTORY_RETENTION", "30d")).historyRetention())
        .isEqualTo(Duration.ofDays(30));
  }
}
