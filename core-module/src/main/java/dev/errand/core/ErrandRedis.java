package dev.errand.core;

import dev.errand.core.internal.ExactUtf8Codec;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's one Redis client, shared by the queue and cron layers.
 *
 * <p>Nothing connects until a layer first asks for a connection, so applications that never use
 * Redis never need a server. Connections reconnect by themselves after a network failure or a
 * server restart; commands issued meanwhile wait for the reconnect, up to the command timeout.
 * Every connection handed out is closed, with the client, when the application stops.
 */
public final class ErrandRedis implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ErrandRedis.class);

  private final RedisSettings settings;
  private final List<AutoCloseable> connections = new ArrayList<>();
  private RedisClient client;
  private StatefulRedisConnection<String, String> shared;
  private boolean closed;

  public ErrandRedis(RedisSettings settings) {
    this.settings = settings;
  }

  public RedisSettings settings() {
    return settings;
  }

  /** The lettuce client, created on first use. */
  public synchronized RedisClient client() {
    if (closed) {
      throw new IllegalStateException("The Redis client is closed: the application has stopped");
    }
    if (client == null) {
      RedisURI uri = RedisURI.create(settings.url());
      uri.setTimeout(settings.commandTimeout());
      client = RedisClient.create(uri);
      client.setOptions(
          ClientOptions.builder()
              .autoReconnect(true)
              .socketOptions(
                  SocketOptions.builder()
                      .connectTimeout(settings.connectTimeout())
                      .keepAlive(true)
                      .build())
              .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
              .disconnectedBehavior(ClientOptions.DisconnectedBehavior.ACCEPT_COMMANDS)
              .build());
    }
    return client;
  }

  /** A connection shared by everyone who needs plain, non-blocking commands. */
  public synchronized StatefulRedisConnection<String, String> connection() {
    if (shared == null) {
      shared = connect(ExactUtf8Codec.INSTANCE);
    }
    return shared;
  }

  /**
   * A String connection of its own, for blocking calls (BLPOP and the like) that would stall every
   * other user of the {@linkplain #connection() shared connection}. It uses the same codec as the
   * shared one and is closed when the application stops; the caller may close it sooner.
   */
  public StatefulRedisConnection<String, String> newConnection() {
    return connect(ExactUtf8Codec.INSTANCE);
  }

  /**
   * A connection of its own, for blocking commands or a codec of the caller's choice. It is closed
   * when the application stops; the caller may close it sooner.
   */
  public synchronized <K, V> StatefulRedisConnection<K, V> connect(RedisCodec<K, V> codec) {
    return track(() -> client().connect(codec));
  }

  /** A publish/subscribe connection, closed when the application stops. */
  public synchronized StatefulRedisPubSubConnection<String, String> connectPubSub() {
    return track(() -> client().connectPubSub(ExactUtf8Codec.INSTANCE));
  }

  /** Opens a connection, remembering it for close, with an error that names the server. */
  private <C extends AutoCloseable> C track(Supplier<C> opener) {
    try {
      C connection = opener.get();
      connections.add(connection);
      return connection;
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "Cannot connect to Redis at " + settings.redactedUrl() + ": " + Failures.rootMessage(e),
          e);
    }
  }

  /** Whether anything in the application has created the client. */
  public synchronized boolean isOpen() {
    return client != null && !closed;
  }

  /** Up when the server answers PING within the command timeout. */
  public Health health() {
    return Health.check(
        () -> {
          String answer =
              connection()
                  .async()
                  .ping()
                  .get(settings.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
          return "PONG".equals(answer)
              ? Health.ok("PING answered PONG at " + settings.redactedUrl())
              : Health.down("PING answered " + answer);
        });
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (AutoCloseable connection : connections) {
      try {
        connection.close();
      } catch (Exception e) {
        log.warn("Closing a Redis connection failed", e);
      }
    }
    connections.clear();
    if (client != null) {
      client.shutdown();
    }
  }
}
