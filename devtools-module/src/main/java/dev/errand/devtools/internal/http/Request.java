package dev.errand.devtools.internal.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** One API call as a handler sees it: the path's named parts and the query string. */
public final class Request {

  private final Map<String, String> pathParams;
  private final Map<String, String> query;
  private final byte[] body;

  public Request(Map<String, String> pathParams, Map<String, String> query) {
    this(pathParams, query, new byte[0]);
  }

  public Request(Map<String, String> pathParams, Map<String, String> query, byte[] body) {
    this.pathParams = Map.copyOf(pathParams);
    this.query = Map.copyOf(query);
    this.body = body.clone();
  }

  /** The request's body as sent (empty when there was none). */
  public byte[] body() {
    return body.clone();
  }

  /** A named part of the path, e.g. {@code queue} in {@code /api/queues/{queue}}. */
  public String path(String name) {
    String value = pathParams.get(name);
    if (value == null) {
      throw new IllegalStateException("the route has no path parameter {" + name + "}");
    }
    return value;
  }

  /** A query parameter, if present and not blank. */
  public Optional<String> query(String name) {
    String value = query.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  /** A whole-number query parameter within bounds, or the default when absent. */
  public int intQuery(String name, int defaultValue, int min, int max) {
    Optional<String> raw = query(name);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    try {
      int value = Integer.parseInt(raw.get());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below with the allowed range
    }
    throw ApiException.badRequest(
        "Query parameter '" + name + "' must be a whole number from " + min + " to " + max);
  }

  /** Splits a raw query string ({@code a=1&b=x%20y}) into decoded names and values. */
  public static Map<String, String> parseQuery(String rawQuery) {
    Map<String, String> values = new HashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return values;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      values.putIfAbsent(name, value);
    }
    return values;
  }

  /** Decodes one path segment, where a {@code +} is itself and not a space. */
  static String decodePathSegment(String segment) {
    return decode(segment.replace("+", "%2B"));
  }

  static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("Malformed percent-encoding in '" + text + "'");
    }
  }
}
