package dev.errand.example.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import dev.errand.core.Health;
import dev.errand.core.Settings;
import dev.errand.core.spi.Adapter;
import dev.errand.queue.QueueService;
import java.net.InetSocketAddress;
import java.util.Set;

/**
 * Serves the tracker's JSON API on {@code PORT} (default 8080; 0 picks a free port). It comes last:
 * requests dispatch jobs, so the queue must be up first.
 */
public final class HttpApiAdapter implements Adapter {

  private final int port;
  private final String bind;
  private HttpApi api;

  public HttpApiAdapter(Settings settings) {
    this.port = settings.integer("PORT", 8080, 0, 65535);
    this.bind = settings.string("EXAMPLE_BIND", "0.0.0.0");
  }

  @Override
  public String name() {
    return "HttpApiAdapter";
  }

  @Override
  public Module module() {
    return binder -> {};
  }

  @Override
  public Set<Key<?>> requires() {
    return Set.of(Key.get(QueueService.class));
  }

  @Override
  public void start(Injector injector) throws Exception {
    api =
        new HttpApi(
            new InetSocketAddress(bind, port),
            injector.getInstance(TrackerRoutes.class).routes(),
            injector.getInstance(ObjectMapper.class));
  }

  @Override
  public void ready(Injector injector) {
    api.start();
  }

  @Override
  public void stop() {
    if (api != null) {
      api.close();
    }
  }

  /** The port actually bound, once started. */
  public int port() {
    return api.port();
  }

  @Override
  public Health health() {
    return api == null ? Health.down("not started") : Health.ok("listening on port " + api.port());
  }
}
