package dev.errand.devtools.internal;

import dev.errand.core.ErrandStartupException;
import dev.errand.devtools.DevToolsSettings;
import dev.errand.devtools.internal.api.ApiSection;
import dev.errand.devtools.internal.http.JsonWriter;
import dev.errand.devtools.internal.http.Router;
import dev.errand.devtools.internal.security.AccessGuard;
import dev.errand.devtools.internal.security.Sessions;
import dev.errand.devtools.spi.ActionAuditor;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Clock;
import java.util.List;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.VirtualThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty (its core API, no servlets) behind the dashboard, each request on a virtual thread. Jetty
 * rather than the JDK's server because its error handler answers the requests it cannot parse, and
 * so those replies carry the dashboard's security headers too.
 */
public final class DevToolsServer {

  private static final Logger log = LoggerFactory.getLogger(DevToolsServer.class);

  /**
   * The largest request head. Larger than Jetty's 8 KiB default: browsers send a host's cookies to
   * every port of it, so other local development servers' cookies come along on 127.0.0.1.
   */
  static final int HEADER_LIMIT = 32 * 1024;

  private final Server server;
  private final InetSocketAddress address;

  private DevToolsServer(Server server, InetSocketAddress address) {
    this.server = server;
    this.address = address;
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
    // A few platform threads accept and parse; handlers, which block, run on virtual threads.
    QueuedThreadPool threads = new QueuedThreadPool(8, 2);
    threads.setName("errand-devtools");
    VirtualThreadPool virtualThreads = new VirtualThreadPool();
    virtualThreads.setName("errand-devtools-request");
    threads.setVirtualThreadsExecutor(virtualThreads);
    Server server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setRequestHeaderSize(HEADER_LIMIT);
    // A job id may hold any character, so a path segment may hold an encoded '/', '%', ';' or a
    // whole "..": Jetty calls these ambiguous and refuses them by default, but the router splits
    // the raw path and decodes each segment itself, so they are plain text here. A bad encoding
    // is still refused.
    http.setUriCompliance(
        UriCompliance.DEFAULT.with(
            "errand-devtools",
            UriCompliance.AMBIGUOUS_VIOLATIONS.toArray(UriCompliance.Violation[]::new)));
    ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
    connector.setHost(settings.bind());
    connector.setPort(settings.port());
    server.addConnector(connector);
    server.setErrorHandler(new PlainErrors());
    InetSocketAddress address;
    try {
      // Bound first, so that the cookie name below knows the port when the setting was 0.
      connector.open();
      address =
          (InetSocketAddress) ((ServerSocketChannel) connector.getTransport()).getLocalAddress();
    } catch (Exception e) {
      stopQuietly(server);
      throw new ErrandStartupException(
          "DevToolsAdapter cannot listen on "
              + settings.bind()
              + ":"
              + settings.port()
              + " ("
              + reason(e)
              + "): choose a free port with DEVTOOLS_PORT (0 picks one) or another address with "
              + "DEVTOOLS_BIND",
          e);
    }
    // Browsers send cookies to every port of a host: a per-port name keeps two dashboards on one
    // machine from overwriting each other's session cookie.
    String cookieName = "errand_devtools_" + address.getPort();
    Sessions sessions = new Sessions(clock);
    AccessGuard guard = new AccessGuard(settings.token(), sessions, cookieName);
    server.setHandler(
        new GracefulHandler(
            new DashboardHandler(
                router, guard, sessions, cookieName, assets, new JsonWriter(), auditors, clock)));
    // Stop waits this long for running requests (GracefulHandler counts them).
    server.setStopTimeout(1000);
    try {
      server.start();
    } catch (Exception e) {
      stopQuietly(server);
      throw new ErrandStartupException("DevToolsAdapter cannot start its server: " + reason(e), e);
    }
    return new DevToolsServer(server, address);
  }

  /** Where the server listens (with the real port when the setting was 0). */
  public InetSocketAddress address() {
    return address;
  }

  /** Stops accepting requests, lets running ones finish for up to a second, then returns. */
  public void stop() {
    stopQuietly(server);
  }

  private static void stopQuietly(Server server) {
    try {
      server.stop();
    } catch (Exception e) {
      log.warn("The dashboard's server did not stop cleanly", e);
    }
  }

  /** The exception's message with its cause's, which holds the reason when binding failed. */
  private static String reason(Exception e) {
    Throwable cause = e.getCause();
    return cause == null || cause.getMessage() == null
        ? e.getMessage()
        : e.getMessage() + ": " + cause.getMessage();
  }
}
