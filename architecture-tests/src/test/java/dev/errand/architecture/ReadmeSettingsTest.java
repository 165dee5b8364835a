package dev.errand.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errand.core.Settings;
import dev.errand.core.SettingsException;
import dev.errand.cron.CronSettings;
import dev.errand.database.DatabaseSettings;
import dev.errand.devtools.DevToolsSettings;
import dev.errand.mailer.MailerSettings;
import dev.errand.queue.QueueSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's settings table states ranges; the code validates them. This test reads the table and
 * holds the code to every range it states, so the two cannot drift apart again (the table once said
 * JOBS_ATTEMPTS went to 100 while the code took a million).
 */
class ReadmeSettingsTest {

  private static final Pattern ROW = Pattern.compile("^\\| `([A-Z_<>]+)` \\|[^|]*\\|(.*)\\|$");
  private static final Pattern RANGE = Pattern.compile("\\b(\\d+) to (\\d+)\\b");

  /** How each setting with a stated range is read, through the class its module reads it with. */
  private static final Map<String, Consumer<Settings>> READERS =
      Map.ofEntries(
          Map.<String, Consumer<Settings>>entry("JOBS_CONCURRENCY", QueueSettings::from),
          Map.entry("JOBS_ATTEMPTS", QueueSettings::from),
          Map.entry("JOBS_MAX_STALLED", QueueSettings::from),
          Map.entry("JOBS_PREFETCH", s -> QueueSettings.from(s).prefetch("q")),
          Map.entry("JOBS_REDIS_REPLICA_ACKS", s -> QueueSettings.from(s).redisReplicaAcks()),
          Map.entry("JOBS_QUEUE_<QUEUE>_SHARDS", s -> QueueSettings.from(s).shards("q", 1)),
          Map.entry("JOBS_QUEUE_<QUEUE>_MAX_RUNNING", s -> QueueSettings.from(s).maxRunning("q")),
          Map.entry(
              "JOBS_QUEUE_<QUEUE>_GROUP_MAX_RUNNING",
              s -> QueueSettings.from(s).groupMaxRunning("q")),
          Map.entry("DATABASE_POOL_SIZE", DatabaseSettings::from),
          Map.entry("CRON_RUN_LEASE", CronSettings::from),
          Map.entry("DEVTOOLS_PORT", DevToolsSettings::from),
          Map.entry(
              "MAIL_SMTP_PORT",
              s -> MailerSettings.from(with(s, "MAIL_PROVIDER", "smtp", "MAIL_SMTP_HOST", "h"))),
          Map.entry(
              "MAIL_HTTP_MAX_RETRIES",
              s ->
                  MailerSettings.from(with(s, "MAIL_PROVIDER", "http", "MAIL_HTTP_API_KEY", "k"))));

  private static Settings with(Settings settings, String... pairs) {
    Map<String, String> more = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      more.put(pairs[i], pairs[i + 1]);
    }
    return settings.with(more);
  }

  private static List<String> readme() throws IOException {
    Path here = Path.of("").toAbsolutePath();
    Path readme = here.resolve("README.md");
    if (!Files.exists(readme)) {
      readme = here.getParent().resolve("README.md");
    }
    return Files.readAllLines(readme);
  }

  /** Every row of the settings table that states a range: setting, then min and max. */
  private static Map<String, long[]> statedRanges() throws IOException {
    Map<String, long[]> ranges = new LinkedHashMap<>();
    for (String line : readme()) {
      Matcher row = ROW.matcher(line);
      if (row.matches()) {
        Matcher range = RANGE.matcher(row.group(2));
        if (range.find()) {
          ranges.put(
              row.group(1),
              new long[] {Long.parseLong(range.group(1)), Long.parseLong(range.group(2))});
        }
      }
    }
    return ranges;
  }

  @Test
  void shouldAcceptEveryStatedRangeAndRefuseJustOutsideIt() throws IOException {
    Map<String, long[]> ranges = statedRanges();
    assertThat(ranges).as("ranges read from the README's table").containsKeys("JOBS_ATTEMPTS");
    assertThat(READERS.keySet())
        .as("settings whose range the README states, each with a reader here")
        .containsAll(ranges.keySet());
    ranges.forEach(
        (name, range) -> {
          Consumer<Settings> reader = READERS.get(name);
          // A per-queue row (JOBS_QUEUE_<QUEUE>_...) is tried on the queue named "q".
          String set = name.replace("<QUEUE>", "Q");
          for (long inside : range) {
            reader.accept(Settings.of(Map.of(set, Long.toString(inside))));
          }
          for (long outside : new long[] {range[0] - 1, range[1] + 1}) {
            assertThatThrownBy(
                    () -> reader.accept(Settings.of(Map.of(set, Long.toString(outside)))))
                .as(set + "=" + outside)
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining(set);
          }
        });
  }

  @Test
  void shouldQuoteTheErrorMessageTheCodeGives() throws IOException {
    String quoted =
        readme().stream()
            .filter(line -> line.contains("Setting JOBS_ATTEMPTS has the invalid value 'many'"))
            .findFirst()
            .orElseThrow();
    assertThatThrownBy(() -> QueueSettings.from(Settings.of(Map.of("JOBS_ATTEMPTS", "many"))))
        .satisfies(
            e ->
                assertThat(quoted)
                    .as("the README quotes the code's message")
                    .contains(e.getMessage()));
  }
}
