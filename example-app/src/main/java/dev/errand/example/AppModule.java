package dev.errand.example;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.errand.example.http.Json;
import java.time.Clock;

/** The tracker's own bindings: the clock its use cases and jobs read, and its JSON mapper. */
final class AppModule extends AbstractModule {

  private final Clock clock;

  AppModule(Clock clock) {
    this.clock = clock;
  }

  @Override
  protected void configure() {
    bind(Clock.class).toInstance(clock);
  }

  @Provides
  @Singleton
  ObjectMapper objectMapper() {
    return Json.mapper();
  }
}
