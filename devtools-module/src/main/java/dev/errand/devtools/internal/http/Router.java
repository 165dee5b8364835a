package dev.errand.devtools.internal.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps a method and a path template such as {@code /api/queues/{queue}/jobs/{id}} to a handler.
 * Every POST route is an action: the server demands CSRF proof for it.
 */
public final class Router {

  /** Answers one API call. */
  @FunctionalInterface
  public interface Handler {
    Reply handle(Request request) throws Exception;
  }

  /** A route that matched a request, with the path's named parts decoded. */
  public record Match(Handler handler, Map<String, String> pathParams, boolean action) {}

  private record Route(String method, Pattern pattern, List<String> names, Handler handler) {}

  private static final Pattern PARAM = Pattern.compile("\\{([a-zA-Z]+)}");

  private final List<Route> routes = new ArrayList<>();

  public Router get(String template, Handler handler) {
    return add("GET", template, handler);
  }

  public Router post(String template, Handler handler) {
    return add("POST", template, handler);
  }

  private Router add(String method, String template, Handler handler) {
    List<String> names = new ArrayList<>();
    Matcher m = PARAM.matcher(template);
    StringBuilder regex = new StringBuilder();
    int last = 0;
    while (m.find()) {
      regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+)");
      names.add(m.group(1));
      last = m.end();
    }
    regex.append(Pattern.quote(template.substring(last)));
    routes.add(new Route(method, Pattern.compile(regex.toString()), names, handler));
    return this;
  }

  /** The route for {@code method} and the raw (still encoded) {@code path}, if any. */
  public Optional<Match> match(String method, String rawPath) {
    for (Route route : routes) {
      Matcher m = route.pattern.matcher(rawPath);
      if (route.method.equals(method) && m.matches()) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < route.names.size(); i++) {
          params.put(route.names.get(i), Request.decodePathSegment(m.group(i + 1)));
        }
        return Optional.of(new Match(route.handler, params, method.equals("POST")));
      }
    }
    return Optional.empty();
  }

  /** The methods some route accepts for {@code rawPath}; empty when the path is unknown. */
  public Set<String> allowedMethods(String rawPath) {
    Set<String> methods = new LinkedHashSet<>();
    for (Route route : routes) {
      if (route.pattern.matcher(rawPath).matches()) {
        methods.add(route.method);
      }
    }
    return methods;
  }
}
