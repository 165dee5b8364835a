package dev.errand.testing.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The kit's JSON: payloads read into a job type's class, results and progress written. It is
 * configured like the queue's own mapper (records, {@code java.time}, unknown properties ignored),
 * so a payload reads here as its handler would read it.
 */
public final class KitJson {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .findAndAddModules()
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private KitJson() {}

  public static <T> T read(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "A stored payload does not read as " + type.getName() + ": " + e.getOriginalMessage(), e);
    }
  }

  /** {@code value} as JSON, or null when it is null or Jackson cannot write it. */
  public static String writeOrNull(Object value) {
    if (value == null) {
      return null;
    }
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      return null; // as a worker does: a result it cannot write is not kept
    }
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "Progress cannot be written as JSON: " + e.getOriginalMessage(), e);
    }
  }
}
