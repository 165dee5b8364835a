package dev.errand.devtools.internal.api;

import dev.errand.devtools.internal.http.ApiException;
import dev.errand.devtools.internal.http.Reply;
import dev.errand.devtools.internal.http.Router;
import java.util.Map;

/**
 * A section whose module is not in the application: its listing says why, so the page can show it,
 * and everything under it answers 404 with the same reason.
 */
final class Unavailable implements ApiSection {

  private final String base;
  private final String reason;

  Unavailable(String base, String reason) {
    this.base = base;
    this.reason = reason;
  }

  @Override
  public void register(Router router) {
    router.get(base, request -> Reply.ok(Map.of("available", false, "reason", reason)));
    Router.Handler refuse =
        request -> {
          throw ApiException.notFound(reason);
        };
    for (String depth : new String[] {"/{a}", "/{a}/{b}", "/{a}/{b}/{c}", "/{a}/{b}/{c}/{d}"}) {
      router.get(base + depth, refuse);
      router.post(base + depth, refuse);
    }
  }
}
