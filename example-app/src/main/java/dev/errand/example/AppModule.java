package dev.errand.example;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import dev.errand.example.http.Json;
import dev.errand.example.jobs.WorkspaceScope;
import dev.errand.queue.spi.JobInterceptor;
import java.time.Clock;

/**
 * The tracker's own bindings: the clock its use cases and jobs read, its JSON mapper, and the
 * interceptor that carries each request's workspace to its jobs.
 */
final class AppModule extends AbstractModule {

  private final Clock clock;

  AppModule(Clock clock) {
    this.clock = clock;
  }

  @Override
  protected void configure() {
    bind(Clock.class).toInstance(clock);
    // Every job a request adds carries its workspace; a run checks the workspace still exists.
    Multibinder.newSetBinder(binder(), JobInterceptor.class).addBinding().to(WorkspaceScope.class);
  }

  @Provides
  @Singleton
  ObjectMapper objectMapper() {
    return Json.mapper();
  }
}
