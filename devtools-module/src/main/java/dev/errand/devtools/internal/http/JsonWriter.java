package dev.errand.devtools.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes API answers. Besides JSON's own escapes it writes {@code <}, {@code >}, {@code &} and
 * {@code '} as {@code \}{@code u} escapes, so no answer contains markup even if something shows it
 * as HTML: job payloads and error messages are data the dashboard does not control.
 */
public final class JsonWriter {

  private final ObjectMapper mapper = new ObjectMapper();

  public JsonWriter() {
    mapper.getFactory().setCharacterEscapes(new HtmlSafeEscapes());
  }

  public byte[] write(Object value) {
    try {
      return mapper.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write the API answer as JSON: " + e.getMessage(), e);
    }
  }

  private static final class HtmlSafeEscapes extends CharacterEscapes {
    private final int[] escapes = standardAsciiEscapesForJSON();

    HtmlSafeEscapes() {
      for (char c : new char[] {'<', '>', '&', '\''}) {
        escapes[c] = ESCAPE_STANDARD;
      }
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return escapes;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return null;
    }
  }
}
