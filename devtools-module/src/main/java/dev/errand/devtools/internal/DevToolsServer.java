package dev.errand.devtools.internal;

import com.sun.net.httpserver.HttpServer;
import dev.errand.core.ErrandStartupException;
import dev.errand.devtools.DevToolsSettings;
import dev.errand.devtools.internal.api.ApiSection;
import dev.errand.devtools.internal.http.JsonWriter;
import dev.errand.devtools.internal.http.Router;
import dev.errand.devtools.internal.security.AccessGuard;
import dev.errand.devtools.internal.security.Sessions;
import dev.errand.devtools.spi.ActionAuditor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The JDK HTTP server behind the dashboard, one virtual thread per request. */
public final class DevToolsServer {

  private final HttpServer server;
  private final ExecutorService executor;

  private DevToolsServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Binds and starts serving.
   *
   * @throws ErrandStartupException naming DEVTOOLS_BIND and DEVTOOLS_PORT when the address cannot
   *     be bound
   */
  public static DevToolsServer start(
      DevToolsSettings settings,
      List<ApiSection> sections,
      List<ActionAuditor> auditors,
      Clock clock) {
    Router router = new Router();
    sections.forEach(section -> section.register(router));
    PageAssets assets = new PageAssets();
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(settings.bind(), settings.port()), 0);
    } catch (IOException | RuntimeException e) {
      throw new ErrandStartupException(
          "DevToolsAdapter cannot listen on "
              + settings.bind()
              + ":"
              + settings.port()
              + " ("
              + e.getMessage()
              + "): choose a free port with DEVTOOLS_PORT (0 picks one) or another address with "
              + "DEVTOOLS_BIND",
          e);
    }
    // Browsers send cookies to every port of a host: a per-port name keeps two dashboards on one
    // machine from overwriting each other's session cookie.
    String cookieName = "errand_devtools_" + server.getAddress().getPort();
    Sessions sessions = new Sessions(clock);
    AccessGuard guard = new AccessGuard(settings.token(), sessions, cookieName);
    server.createContext(
        "/",
        new DashboardHandler(
            router, guard, sessions, cookieName, assets, new JsonWriter(), auditors, clock));
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    server.start();
    return new DevToolsServer(server, executor);
  }

  /** Where the server listens (with the real port when the setting was 0). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** Stops accepting requests, lets running ones finish for up to a second, then returns. */
  public void stop() {
    server.stop(1);
    executor.shutdownNow();
  }
}
