package dev.errand.queue.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;

/** The queue layer's one JSON mapper: payloads, results, progress and stored options. */
public final class JobJson {

  private JobJson() {}

  /**
   * A mapper for records, {@code java.time} and {@code Optional}. Polymorphic default typing stays
   * off, so a payload never names a class to instantiate. Unknown properties are ignored, so a
   * producer running a newer payload shape does not break older workers.
   */
  public static ObjectMapper newMapper() {
    // Handlers run on short-lived virtual threads, so a per-thread buffer pool would start empty
    // for every job; one shared pool lets every job reuse the same buffers.
    JsonFactory factory =
        JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedLockFreePool()).build();
    return JsonMapper.builder(factory)
        .addModule(new Jdk8Module())
        .addModule(new JavaTimeModule())
        .addModule(new ParameterNamesModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        // Error locations then skip the source text: cheaper parsers, and no payload in messages.
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .build();
  }
}
