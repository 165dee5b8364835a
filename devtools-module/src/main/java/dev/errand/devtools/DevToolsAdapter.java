package dev.errand.devtools;

import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import dev.errand.core.Health;
import dev.errand.core.Settings;
import dev.errand.core.spi.Adapter;
import dev.errand.core.spi.AdapterSetup;
import dev.errand.devtools.internal.DevToolsServer;
import dev.errand.devtools.internal.LoggingAuditor;
import dev.errand.devtools.internal.api.Sections;
import dev.errand.devtools.spi.ActionAuditor;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DevTools dashboard: a web page and the JSON API behind it, showing queues, jobs, cron jobs
 * and the health of every adapter, with actions to retry, remove, promote, pause, clean, trigger,
 * enable and disable.
 *
 * <p>List it last, so that it sees every adapter's services. It is off unless {@code
 * DEVTOOLS_ENABLED} is true; then it needs {@code DEVTOOLS_TOKEN}, listens on {@code DEVTOOLS_BIND}
 * (127.0.0.1) and {@code DEVTOOLS_PORT} (9090), and refuses every request without the token.
 * Sections whose module the application lacks (no queue, no cron) say so.
 *
 * <pre>{@code
 * ErrandApp app = ErrandApp.builder()
 *     .adapters(
 *         new QueueAdapter("com.acme.jobs"),
 *         new CronAdapter("com.acme.cron"),
 *         new DevToolsAdapter())                  // DEVTOOLS_* from the app's settings
 *     .start();
 * // DEVTOOLS_ENABLED=true DEVTOOLS_TOKEN=$(openssl rand -hex 24): open
 * // http://127.0.0.1:9090/?token=<the token> in a browser, or call the API with
 * // curl -H "Authorization: Bearer <the token>" http://127.0.0.1:9090/api/queues
 * }</pre>
 */
public final class DevToolsAdapter implements Adapter {

  private static final Logger log = LoggerFactory.getLogger(DevToolsAdapter.class);

  private final AdapterSetup<DevToolsSettings> setup;
  private final Set<String> queues = new LinkedHashSet<>();
  private final List<ActionAuditor> auditors = new ArrayList<>(List.of(new LoggingAuditor()));
  private Clock clock = Clock.systemUTC();
  private volatile DevToolsServer server;
  private volatile boolean started;

  /** A dashboard run as {@code settings} say; they win over the application's. */
  public DevToolsAdapter(DevToolsSettings settings) {
    this.setup = AdapterSetup.given(name(), settings);
  }

  /**
   * A dashboard run as the application's {@code DEVTOOLS_*} settings say ({@code
   * ErrandApp.builder().settings(..)}, the environment by default).
   */
  public DevToolsAdapter() {
    this.setup = AdapterSetup.fromApp(name(), DevToolsSettings::from);
  }

  /**
   * Lists these queues too. Queues this application consumes (its {@code @Job} classes) are listed
   * anyway; name here the ones it only adds jobs to, or that other processes consume.
   */
  public DevToolsAdapter withQueues(String... names) {
    setup.checkChangeable("withQueues");
    for (String name : names) {
      queues.add(Objects.requireNonNull(name, "queue name"));
    }
    return this;
  }

  /** Also tells {@code auditor} of every dashboard action, besides the default log line. */
  public DevToolsAdapter withAuditor(ActionAuditor auditor) {
    setup.checkChangeable("withAuditor");
    auditors.add(Objects.requireNonNull(auditor, "auditor"));
    return this;
  }

  /** The clock that decides session expiry (tests pass a controlled one). */
  public DevToolsAdapter withClock(Clock value) {
    setup.checkChangeable("withClock");
    this.clock = Objects.requireNonNull(value, "clock");
    return this;
  }

  @Override
  public String name() {
    return "DevToolsAdapter";
  }

  @Override
  public void attach(Settings appSettings) {
    setup.attach(appSettings);
  }

  /** Binds nothing: the dashboard only reads what other adapters bound. */
  @Override
  public Module module() {
    return binder -> {};
  }

  @Override
  public Set<Key<?>> uses() {
    return setup.settings().enabled() ? Sections.optionalServices() : Set.of();
  }

  @Override
  public void start(Injector injector) {
    DevToolsSettings settings = setup.settings();
    started = true;
    if (!settings.enabled()) {
      return;
    }
    server = DevToolsServer.start(settings, Sections.build(injector, queues), auditors, clock);
    if (!server.address().getAddress().isLoopbackAddress()) {
      log.warn(
          "The DevTools dashboard listens on {} (DEVTOOLS_BIND), beyond this machine: keep "
              + "DEVTOOLS_TOKEN secret and put TLS in front of it",
          server.address());
    }
    log.info(
        "DevTools dashboard on {} (open it with ?token=<DEVTOOLS_TOKEN>)", url().orElseThrow());
  }

  @Override
  public void stop() {
    DevToolsServer running = server;
    server = null;
    if (running != null) {
      running.stop();
    }
  }

  @Override
  public Health health() {
    if (!started) {
      return Health.notStarted();
    }
    if (!setup.settings().enabled()) {
      return Health.ok("disabled (DEVTOOLS_ENABLED=false)");
    }
    return url().map(u -> Health.ok("serving " + u)).orElseGet(() -> Health.down("not running"));
  }

  /** The dashboard's address while it runs, without the token. */
  public Optional<URI> url() {
    DevToolsServer running = server;
    if (running == null) {
      return Optional.empty();
    }
    InetSocketAddress address = running.address();
    String host = address.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return Optional.of(URI.create("http://" + host + ":" + address.getPort() + "/"));
  }
}
