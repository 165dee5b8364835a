package dev.errand.devtools.internal;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.errand.devtools.internal.http.ApiException;
import dev.errand.devtools.internal.http.JsonWriter;
import dev.errand.devtools.internal.http.Reply;
import dev.errand.devtools.internal.http.Request;
import dev.errand.devtools.internal.http.Router;
import dev.errand.devtools.internal.security.AccessGuard;
import dev.errand.devtools.internal.security.AccessGuard.Caller;
import dev.errand.devtools.internal.security.AccessGuard.SessionCaller;
import dev.errand.devtools.internal.security.Cookies;
import dev.errand.devtools.internal.security.Sessions;
import dev.errand.devtools.spi.ActionAuditor;
import dev.errand.devtools.spi.ActionAuditor.Action;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every request passes here: the {@code ?token=} login, then authentication, then the page, its
 * assets or the JSON API, where actions also need CSRF proof.
 */
final class DashboardHandler implements HttpHandler {

  private static final Logger log = LoggerFactory.getLogger(DashboardHandler.class);

  // The page loads only its own script and style: injected markup could not run code even if some
  // value escaped the page's text-only rendering.
  private static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
          + "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private final Router router;
  private final AccessGuard guard;
  private final Sessions sessions;
  private final String cookieName;
  private final PageAssets assets;
  private final JsonWriter json;
  private final List<ActionAuditor> auditors;
  private final Clock clock;

  DashboardHandler(
      Router router,
      AccessGuard guard,
      Sessions sessions,
      String cookieName,
      PageAssets assets,
      JsonWriter json,
      List<ActionAuditor> auditors,
      Clock clock) {
    this.router = router;
    this.guard = guard;
    this.sessions = sessions;
    this.cookieName = cookieName;
    this.assets = assets;
    this.json = json;
    this.auditors = List.copyOf(auditors);
    this.clock = clock;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      securityHeaders(exchange.getResponseHeaders());
      String path = exchange.getRequestURI().getRawPath();
      boolean api = path.startsWith("/api/");
      try {
        // Read every body before answering (up to a bound): one left unread would be taken as the
        // start of the next request on a kept-alive connection.
        byte[] body = Bodies.read(exchange);
        route(exchange, path, api, body);
      } catch (ApiException e) {
        sendError(exchange, e.status(), e.getMessage(), api);
      } catch (RuntimeException e) {
        log.warn("Dashboard request {} {} failed", exchange.getRequestMethod(), path, e);
        sendError(exchange, 500, e.getClass().getSimpleName() + ": " + e.getMessage(), api);
      }
    }
  }

  private void route(HttpExchange exchange, String path, boolean api, byte[] body)
      throws IOException {
    String method = exchange.getRequestMethod();
    Headers headers = exchange.getRequestHeaders();
    Map<String, String> query = Request.parseQuery(exchange.getRequestURI().getRawQuery());
    if (path.equals("/") && query.containsKey("token")) {
      login(exchange, query.get("token"));
      return;
    }
    if (api && method.equals("POST")) {
      // Actions are audited from the first check on, so refused credentials leave a trace too.
      action(exchange, path, query, body);
      return;
    }
    Caller caller = authenticate(headers);
    if (api) {
      api(exchange, method, path, query, body);
    } else if (path.equals("/")) {
      requireGet(method);
      String csrf = caller instanceof SessionCaller(var session) ? session.csrfToken() : "";
      send(exchange, 200, "text/html; charset=utf-8", assets.page(csrf));
    } else {
      requireGet(method);
      PageAssets.Asset asset =
          assets.asset(path).orElseThrow(() -> ApiException.notFound("No such page: " + path));
      send(exchange, 200, asset.contentType(), asset.bytes());
    }
  }

  private void login(HttpExchange exchange, String token) throws IOException {
    if (!guard.isToken(token)) {
      throw new ApiException(403, "The token in the link is not this dashboard's DEVTOOLS_TOKEN");
    }
    Sessions.Session session = sessions.open();
    exchange
        .getResponseHeaders()
        .add("Set-Cookie", Cookies.sessionCookie(cookieName, session.id(), sessions.lifetime()));
    // Redirect so that the token leaves the address bar and the browser history.
    exchange.getResponseHeaders().set("Location", "/");
    exchange.sendResponseHeaders(303, -1);
  }

  private Caller authenticate(Headers headers) {
    return guard.authenticate(
        Optional.ofNullable(headers.getFirst("Authorization")), headers.get("Cookie"));
  }

  private void api(
      HttpExchange exchange, String method, String path, Map<String, String> query, byte[] body)
      throws IOException {
    send(exchange, reply(match(exchange, method, path), query, body));
  }

  private Router.Match match(HttpExchange exchange, String method, String path) {
    return router
        .match(method, path)
        .orElseThrow(
            () -> {
              Set<String> allowed = router.allowedMethods(path);
              if (allowed.isEmpty()) {
                return ApiException.notFound("No API at " + method + " " + path);
              }
              exchange.getResponseHeaders().set("Allow", String.join(", ", allowed));
              return new ApiException(
                  405, path + " accepts " + String.join(", ", allowed) + ", not " + method);
            });
  }

  /**
   * An action: credentials, Origin and CSRF proof, then the route. The audit comes before the
   * answer is sent, so a client that saw the answer can rely on the audit trail holding the action,
   * and refusals (401, 403) are audited as well, so token guessing leaves a trace.
   */
  private void action(HttpExchange exchange, String path, Map<String, String> query, byte[] body)
      throws IOException {
    Headers headers = exchange.getRequestHeaders();
    String who = "unauthenticated";
    Reply reply;
    try {
      Caller caller = authenticate(headers);
      who = describe(caller);
      guard.checkAction(
          caller,
          Optional.ofNullable(headers.getFirst(AccessGuard.CSRF_HEADER)),
          Optional.ofNullable(headers.getFirst("Origin")),
          Optional.ofNullable(headers.getFirst("Host")));
      reply = reply(match(exchange, "POST", path), query, body);
    } catch (ApiException e) {
      audit(new Action("POST", path, who, e.status(), clock.instant()));
      throw e;
    } catch (RuntimeException e) {
      audit(new Action("POST", path, who, 500, clock.instant()));
      throw e;
    }
    audit(new Action("POST", path, who, reply.status(), clock.instant()));
    send(exchange, reply);
  }

  /** Runs a matched route; maps a handler's argument errors to 400 and unsupported ones to 501. */
  private static Reply reply(Router.Match match, Map<String, String> query, byte[] body) {
    try {
      return match.handler().handle(new Request(match.pathParams(), query, body));
    } catch (ApiException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    } catch (UnsupportedOperationException e) {
      throw ApiException.notImplemented(e.getMessage());
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private void send(HttpExchange exchange, Reply reply) throws IOException {
    send(exchange, reply.status(), "application/json; charset=utf-8", json.write(reply.body()));
  }

  private void audit(Action action) {
    for (ActionAuditor auditor : auditors) {
      try {
        auditor.onAction(action);
      } catch (RuntimeException e) {
        log.warn("An ActionAuditor failed on {} {}", action.method(), action.path(), e);
      }
    }
  }

  private static String describe(Caller caller) {
    return caller instanceof SessionCaller(var session)
        ? "session:" + session.id().substring(0, Math.min(8, session.id().length()))
        : "bearer";
  }

  private static void requireGet(String method) {
    if (!method.equals("GET")) {
      throw new ApiException(405, "Only GET is allowed here");
    }
  }

  private void sendError(HttpExchange exchange, int status, String message, boolean api)
      throws IOException {
    if (status == 401) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"errand-devtools\"");
    }
    String text = message == null ? "error" : message;
    if (api) {
      send(exchange, status, "application/json; charset=utf-8", json.write(Map.of("error", text)));
    } else {
      send(exchange, status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
  }

  private static void securityHeaders(Headers headers) {
    headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "DENY");
    headers.set("Referrer-Policy", "no-referrer");
    headers.set("Cache-Control", "no-store");
  }
}
