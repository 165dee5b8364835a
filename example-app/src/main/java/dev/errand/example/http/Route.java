package dev.errand.example.http;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A method and a path template such as {@code /tasks/{id}/comments}, with its handler. */
record Route(String method, Pattern path, java.util.List<String> params, Handler handler) {

  /** Handles a matched request and returns the status and value to answer with. */
  @FunctionalInterface
  interface Handler {
    Response handle(Exchange exchange) throws Exception;
  }

  /** What a handler answers. */
  record Response(int status, Object body) {}

  static Route of(String method, String template, Handler handler) {
    java.util.List<String> params = new java.util.ArrayList<>();
    Matcher m = Pattern.compile("\\{(\\w+)}").matcher(template);
    StringBuilder regex = new StringBuilder();
    int last = 0;
    while (m.find()) {
      regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+)");
      params.add(m.group(1));
      last = m.end();
    }
    regex.append(Pattern.quote(template.substring(last)));
    return new Route(method, Pattern.compile(regex.toString()), params, handler);
  }

  /** The path parameters when the path matches this route's template. */
  Optional<Map<String, String>> match(String requestPath) {
    Matcher m = path.matcher(requestPath);
    if (!m.matches()) {
      return Optional.empty();
    }
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < params.size(); i++) {
      values.put(params.get(i), m.group(i + 1));
    }
    return Optional.of(values);
  }
}
