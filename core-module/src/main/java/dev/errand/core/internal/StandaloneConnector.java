package dev.errand.core.internal;

import dev.errand.core.Health;
import dev.errand.core.RedisSettings;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One server, or the master a set of sentinels names: lettuce asks the sentinels on every
 * (re)connect, so after a failover the connections find the new master by themselves.
 */
final class StandaloneConnector implements RedisConnector {

  private final RedisClient client;
  private final String where;

  StandaloneConnector(RedisSettings settings, RedisEndpoints endpoints) {
    RedisURI uri = uri(endpoints, settings);
    this.client = RedisClient.create(uri);
    client.setOptions(RedisConnector.configure(ClientOptions.builder(), settings).build());
    this.where =
        endpoints.masterName() == null
            ? settings.redactedUrl()
            : "master '" + endpoints.masterName() + "' of sentinels " + endpoints.hosts();
  }

  private static RedisURI uri(RedisEndpoints endpoints, RedisSettings settings) {
    RedisEndpoints.HostAndPort first = endpoints.hosts().get(0);
    RedisURI.Builder builder =
        endpoints.masterName() == null
            ? RedisURI.Builder.redis(first.host(), first.port())
            : RedisURI.Builder.sentinel(first.host(), first.port(), endpoints.masterName());
    for (RedisEndpoints.HostAndPort sentinel :
        endpoints.hosts().subList(1, endpoints.hosts().size())) {
      builder.withSentinel(sentinel.host(), sentinel.port());
    }
    builder.withDatabase(endpoints.database()).withTimeout(settings.commandTimeout());
    RedisCredentialsSupport.apply(builder, endpoints);
    RedisURI uri = builder.build();
    RedisTlsOptions.apply(uri, endpoints.tls(), settings.tls());
    for (RedisURI sentinel : uri.getSentinels()) {
      RedisTlsOptions.apply(sentinel, endpoints.tls(), settings.tls());
    }
    return uri;
  }

  @Override
  public RedisLink connect() {
    return RedisLink.of(client.connect(ExactUtf8Codec.INSTANCE));
  }

  @Override
  public CompletableFuture<RedisClusterAsyncCommands<String, String>> asyncCommandsFor(
      RedisLink shared, String key) {
    return CompletableFuture.completedFuture(shared.async());
  }

  @Override
  public StatefulRedisPubSubConnection<String, String> connectPubSub() {
    return client.connectPubSub(ExactUtf8Codec.INSTANCE);
  }

  @Override
  public Health health(RedisLink shared, Duration timeout) {
    return Health.check(
        () -> {
          String answer = shared.async().ping().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
          return "PONG".equals(answer)
              ? Health.ok("PING answered PONG at " + where)
              : Health.down("PING at " + where + " answered " + answer);
        });
  }

  @Override
  public void shutdown() {
    ClientShutdown.close(client, where, ClientShutdown.WAIT);
  }
}
