package dev.errand.tck.queue;

import com.google.inject.Module;
import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import dev.errand.queue.JobEvent;
import dev.errand.queue.JobListener;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueSettings;
import dev.errand.queue.spi.QueueBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;

/**
 * What every queue suite shares: the backend factory a subclass implements, and the applications a
 * test starts on its backends. Each application runs {@link ContractProcessor} on the {@value
 * #QUEUE} queue with settings that keep the suites quick, and is stopped after the test.
 */
abstract class QueueContract {

  static final String QUEUE = "contract";

  private final List<QueueApp> apps = new ArrayList<>();
  private final List<QueueBackend> driven = new ArrayList<>();

  /** The events that the listener of every application this test started heard. */
  final ConcurrentLinkedQueue<JobEvent> heard = new ConcurrentLinkedQueue<>();

  /**
   * A new backend over storage that no other test sees: a key prefix, a schema or a database of the
   * test's own. A test calls it once for each application it starts (the suites other than {@link
   * QueueClusterContract} start one), or once for a backend it drives directly. An application
   * closes its backend as it stops, and the suites close those they drive; they keep reading a
   * stopped application's jobs through its backend's {@link QueueBackend#admin()}, so closing must
   * release what workers used, not the storage.
   */
  protected abstract QueueBackend createBackend();

  /** An application on a new backend, with the suites' settings. */
  QueueApp start() {
    return start(Map.of());
  }

  /** An application on a new backend, with the suites' settings changed by {@code overrides}. */
  QueueApp start(Map<String, String> overrides) {
    return start(overrides, adapter -> {});
  }

  /**
   * An application on a new backend, with the suites' settings changed by {@code overrides}, its
   * adapter further configured by {@code configure}, and {@code modules} installed.
   */
  QueueApp start(
      Map<String, String> overrides, Consumer<QueueAdapter> configure, Module... modules) {
    Map<String, String> values = new HashMap<>();
    values.put("JOBS_LEASE_DURATION", "1s");
    values.put("JOBS_STALLED_INTERVAL", "200ms");
    values.put("JOBS_SHUTDOWN_GRACE", "2s");
    values.put("JOBS_BACKOFF_DELAY", "20");
    values.putAll(overrides);
    Settings settings = Settings.of(values);
    QueueBackend backend = createBackend();
    QueueAdapter adapter =
        new QueueAdapter(QueueSettings.from(settings))
            .withBackend(backend)
            .withClasses(ContractProcessor.class)
            .withBackoffStrategy("linear", (attempt, error) -> Duration.ofMillis(60L * attempt))
            .withListener(
                new JobListener() {
                  @Override
                  public void on(JobEvent event) {
                    heard.add(event);
                  }
                });
    configure.accept(adapter);
    try {
      ErrandApp app =
          ErrandApp.builder()
              .settings(settings)
              .modules(modules)
              .adapters(adapter)
              .shutdownHook(false)
              .start();
      QueueApp started = new QueueApp(app, backend);
      apps.add(started);
      return started;
    } catch (RuntimeException e) {
      backend.close();
      throw e;
    }
  }

  /** A new backend that the test drives itself, as a worker would; closed after the test. */
  QueueBackend driveBackend() {
    QueueBackend backend = createBackend();
    driven.add(backend);
    return backend;
  }

  @AfterEach
  final void stopApps() {
    for (QueueApp app : apps) {
      app.recorder().gate.countDown();
      app.stop();
    }
    driven.forEach(QueueBackend::close);
  }
}
