package dev.errand.example.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One request: its JSON body, typed field access with clear errors, and the JSON answer. */
final class Exchange {

  private static final int MAX_BODY = 64 * 1024;

  private final HttpExchange http;
  private final ObjectMapper json;
  private final Map<String, String> pathParams;
  private JsonNode body;

  Exchange(HttpExchange http, ObjectMapper json, Map<String, String> pathParams) {
    this.http = http;
    this.json = json;
    this.pathParams = pathParams;
  }

  long pathId(String name) {
    String raw = pathParams.get(name);
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw new HttpError(400, name + " must be a number, not '" + raw + "'");
    }
  }

  String pathText(String name) {
    return pathParams.get(name);
  }

  JsonNode body() {
    if (body == null) {
      try (InputStream in = http.getRequestBody()) {
        byte[] bytes = in.readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
          throw new HttpError(413, "the request body is larger than " + MAX_BODY + " bytes");
        }
        JsonNode parsed = bytes.length == 0 ? null : json.readTree(bytes);
        if (parsed == null || !parsed.isObject()) {
          throw new HttpError(400, "the request body must be a JSON object");
        }
        body = parsed;
      } catch (JsonProcessingException e) {
        // Jackson's own message names its internals; the position is what a caller can act on.
        JsonLocation at = e.getLocation();
        throw new HttpError(
            400,
            at == null
                ? "malformed JSON"
                : "malformed JSON at line " + at.getLineNr() + ", column " + at.getColumnNr());
      } catch (IOException e) {
        throw new HttpError(400, "the request body could not be read: " + e.getMessage());
      }
    }
    return body;
  }

  String text(String field) {
    JsonNode node = body().get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw new HttpError(400, field + " must be a string");
    }
    return node.asText();
  }

  Long number(String field) {
    JsonNode node = body().get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.canConvertToLong() || !node.isIntegralNumber()) {
      throw new HttpError(400, field + " must be a whole number");
    }
    return node.asLong();
  }

  List<Long> numbers(String field) {
    JsonNode node = body().get(field);
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new HttpError(400, field + " must be an array of user ids");
    }
    List<Long> values = new ArrayList<>();
    for (JsonNode item : node) {
      if (!item.isIntegralNumber()) {
        throw new HttpError(400, field + " must contain whole numbers only");
      }
      values.add(item.asLong());
    }
    return values;
  }

  LocalDate date(String field) {
    String raw = text(field);
    if (raw == null) {
      return null;
    }
    try {
      return LocalDate.parse(raw);
    } catch (DateTimeParseException e) {
      throw new HttpError(400, field + " must be a date like 2026-12-31, not '" + raw + "'");
    }
  }

  void respond(int status, Object value) throws IOException {
    byte[] bytes = json.writeValueAsBytes(value);
    http.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    http.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = http.getResponseBody()) {
      out.write(bytes);
    }
  }
}
