package dev.errand.queue.bench;

import java.util.Locale;
import java.util.Map;

/**
 * The one JSON object a benchmark prints last: numbers (doubles with two decimals) and plain words,
 * such as the backend measured.
 */
final class JsonLine {

  private JsonLine() {}

  static String of(Map<String, Object> values) {
    StringBuilder out = new StringBuilder("{");
    values.forEach(
        (k, v) -> {
          if (out.length() > 1) {
            out.append(", ");
          }
          out.append('"').append(k).append("\": ");
          if (v instanceof String text) {
            out.append('"').append(text).append('"');
          } else {
            out.append(v instanceof Double d ? String.format(Locale.ROOT, "%.2f", d) : v);
          }
        });
    return out.append('}').toString();
  }
}
