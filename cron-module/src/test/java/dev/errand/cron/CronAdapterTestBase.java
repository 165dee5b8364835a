package dev.errand.cron;

import com.google.inject.Module;
import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import dev.errand.core.spi.Adapter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * Starting the cron layer inside a real ErrandApp, with its jobs found by scanning, for the test
 * classes of {@link CronAdapter}: each goes through the same application builder, so what one class
 * shows starting is what the other shows refused; the application is stopped after each test.
 */
abstract class CronAdapterTestBase {

  static final String SCANNED = "dev.errand.cron.fixtures.scanned";

  ErrandApp app;

  @AfterEach
  void stopApp() {
    if (app != null) {
      app.stop();
    }
  }

  static Settings settings(String... pairs) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      values.put(pairs[i], pairs[i + 1]);
    }
    return Settings.of(values);
  }

  ErrandApp start(Settings settings, Adapter... adapters) {
    return start(settings, List.of(), adapters);
  }

  ErrandApp start(Settings settings, List<Module> modules, Adapter... adapters) {
    app =
        ErrandApp.builder()
            .settings(settings)
            .modules(modules.toArray(Module[]::new))
            .adapters(adapters)
            .shutdownHook(false)
            .start();
    return app;
  }
}
