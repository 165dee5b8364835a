package dev.errand.testing.internal;

import com.google.inject.Module;
import dev.errand.core.Settings;
import dev.errand.core.spi.Adapter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the extension's builder collected: how to build each test's application.
 *
 * @param settings the test's own settings, over the kit's defaults
 * @param modules the application's Guice modules, each built from the test's clock
 * @param adapters builds the adapters from the test's settings
 * @param start where the test's clock starts
 * @param workers whether the application's workers run jobs instead of {@code drain()}
 * @param drainLimit how many jobs one drain may run
 */
public record KitConfig(
    Map<String, String> settings,
    List<Function<Clock, Module>> modules,
    Function<Settings, List<Adapter>> adapters,
    Instant start,
    boolean workers,
    int drainLimit) {

  /** Settings the kit decides itself, so a test's settings may not name them. */
  public static final List<String> KIT_SETTINGS =
      List.of("JOBS_ENABLED", "JOBS_BACKEND", "JOBS_PROVIDER", "CRON_ENABLED");

  public KitConfig {
    settings = Map.copyOf(settings);
    modules = List.copyOf(modules);
  }
}
