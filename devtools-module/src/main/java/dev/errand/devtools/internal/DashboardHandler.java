package dev.errand.devtools.internal;

import dev.errand.devtools.internal.http.ApiException;
import dev.errand.devtools.internal.http.JsonWriter;
import dev.errand.devtools.internal.http.Reply;
import dev.errand.devtools.internal.http.Request;
import dev.errand.devtools.internal.http.Router;
import dev.errand.devtools.internal.security.AccessGuard;
import dev.errand.devtools.internal.security.AccessGuard.Caller;
import dev.errand.devtools.internal.security.AccessGuard.SessionCaller;
import dev.errand.devtools.internal.security.Cookies;
import dev.errand.devtools.internal.security.SecurityHeaders;
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
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every request passes here: the {@code ?token=} login, then authentication, then the page, its
 * assets or the JSON API, where actions also need CSRF proof.
 */
final class DashboardHandler extends Handler.Abstract {

  private static final Logger log = LoggerFactory.getLogger(DashboardHandler.class);

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

  /**
   * Runs on a virtual thread of its own (the handler blocks: it reads bodies and asks the
   * backends); every branch answers through {@link Exchange#send}, which completes {@code
   * callback}.
   */
  @Override
  public boolean handle(
      org.eclipse.jetty.server.Request request, Response response, Callback callback)
      throws IOException {
    Exchange exchange = new Exchange(request, response, callback);
    SecurityHeaders.apply(exchange.responseHeaders());
    String path = exchange.rawPath();
    boolean api = path.startsWith("/api/");
    try {
      // Read every body before answering (up to a bound), so that the connection can carry the
      // next request.
      byte[] body = Bodies.read(exchange);
      route(exchange, path, api, body);
    } catch (ApiException e) {
      sendError(exchange, e.status(), e.getMessage(), api);
    } catch (RuntimeException e) {
      log.warn("Dashboard request {} {} failed", exchange.method(), path, e);
      sendError(exchange, 500, e.getClass().getSimpleName() + ": " + e.getMessage(), api);
    }
    return true;
  }

  private void route(Exchange exchange, String path, boolean api, byte[] body) {
    String method = exchange.method();
    Map<String, String> query = Request.parseQuery(exchange.rawQuery());
    if (path.equals("/") && query.containsKey("token")) {
      login(exchange, query.get("token"));
      return;
    }
    if (api && method.equals("POST")) {
      // Actions are audited from the first check on, so refused credentials leave a trace too.
      action(exchange, path, query, body);
      return;
    }
    Caller caller = authenticate(exchange);
    if (api) {
      api(exchange, method, path, query, body);
    } else if (path.equals("/")) {
      requireGet(method);
      String csrf = caller instanceof SessionCaller(var session) ? session.csrfToken() : "";
      exchange.send(200, "text/html; charset=utf-8", assets.page(csrf));
    } else {
      requireGet(method);
      PageAssets.Asset asset =
          assets.asset(path).orElseThrow(() -> ApiException.notFound("No such page: " + path));
      exchange.send(200, asset.contentType(), asset.bytes());
    }
  }

  private void login(Exchange exchange, String token) {
    if (!guard.isToken(token)) {
      throw new ApiException(403, "The token in the link is not this dashboard's DEVTOOLS_TOKEN");
    }
    Sessions.Session session = sessions.open();
    exchange
        .responseHeaders()
        .add("Set-Cookie", Cookies.sessionCookie(cookieName, session.id(), sessions.lifetime()));
    // Redirect so that the token leaves the address bar and the browser history.
    exchange.responseHeaders().put("Location", "/");
    exchange.send(303, null, new byte[0]);
  }

  private Caller authenticate(Exchange exchange) {
    return guard.authenticate(
        Optional.ofNullable(exchange.header("Authorization")), exchange.headers("Cookie"));
  }

  private void api(
      Exchange exchange, String method, String path, Map<String, String> query, byte[] body) {
    send(exchange, reply(match(exchange, method, path), query, body));
  }

  private Router.Match match(Exchange exchange, String method, String path) {
    return router
        .match(method, path)
        .orElseThrow(
            () -> {
              Set<String> allowed = router.allowedMethods(path);
              if (allowed.isEmpty()) {
                return ApiException.notFound("No API at " + method + " " + path);
              }
              exchange.responseHeaders().put("Allow", String.join(", ", allowed));
              return new ApiException(
                  405, path + " accepts " + String.join(", ", allowed) + ", not " + method);
            });
  }

  /**
   * An action: credentials, Origin and CSRF proof, then the route. The audit comes before the
   * answer is sent, so a client that saw the answer can rely on the audit trail holding the action,
   * and refusals (401, 403) are audited as well, so token guessing leaves a trace.
   */
  private void action(Exchange exchange, String path, Map<String, String> query, byte[] body) {
    String who = "unauthenticated";
    Reply reply;
    try {
      Caller caller = authenticate(exchange);
      who = describe(caller);
      guard.checkAction(
          caller,
          Optional.ofNullable(exchange.header(AccessGuard.CSRF_HEADER)),
          Optional.ofNullable(exchange.header("Origin")),
          Optional.ofNullable(exchange.header("Host")));
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

  private void send(Exchange exchange, Reply reply) {
    exchange.send(reply.status(), "application/json; charset=utf-8", json.write(reply.body()));
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

  private void sendError(Exchange exchange, int status, String message, boolean api) {
    if (status == 401) {
      exchange.responseHeaders().put("WWW-Authenticate", "Bearer realm=\"errand-devtools\"");
    }
    String text = message == null ? "error" : message;
    if (api) {
      exchange.send(status, "application/json; charset=utf-8", json.write(Map.of("error", text)));
    } else {
      exchange.send(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }
  }
}
