package dev.errand.core.internal;

import dev.errand.core.Health;
import dev.errand.core.RedisSettings;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Opens lettuce connections for one deployment: a single server or Sentinel ({@link
 * StandaloneConnector}), or a Redis Cluster ({@link ClusterConnector}). ErrandRedis hides which.
 */
public sealed interface RedisConnector permits StandaloneConnector, ClusterConnector {

  /** The connector {@code settings} call for; nothing connects until asked. */
  static RedisConnector create(RedisSettings settings) {
    RedisEndpoints endpoints = RedisEndpoints.parse(settings.url());
    return switch (endpoints.mode()) {
      case STANDALONE, SENTINEL -> new StandaloneConnector(settings, endpoints);
      case CLUSTER -> new ClusterConnector(settings, endpoints);
    };
  }

  /** A new connection for data commands. */
  RedisLink connect();

  /**
   * The commands of the one connection, within {@code shared}, that writes to {@code key}'s server,
   * so that a WAIT sent after writes on it counts exactly those writes.
   */
  CompletableFuture<RedisClusterAsyncCommands<String, String>> asyncCommandsFor(
      RedisLink shared, String key);

  /** A new publish/subscribe connection. */
  StatefulRedisPubSubConnection<String, String> connectPubSub();

  /** Whether every server holding data answers, asked over {@code shared}. */
  Health health(RedisLink shared, Duration timeout);

  /** Closes the client and its threads. */
  void shutdown();

  /** The client options both kinds of client share. */
  static <B extends ClientOptions.Builder> B configure(B builder, RedisSettings settings) {
    builder
        .autoReconnect(true)
        .socketOptions(
            SocketOptions.builder()
                .connectTimeout(settings.connectTimeout())
                .keepAlive(true)
                .build())
        .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.ACCEPT_COMMANDS);
    SslOptions ssl = RedisTlsOptions.sslOptions(settings.tls());
    if (ssl != null) {
      builder.sslOptions(ssl);
    }
    return builder;
  }
}
