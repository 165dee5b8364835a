package dev.errand.core;

import dev.errand.core.internal.RedisConnector;
import dev.errand.core.internal.RedisLink;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's one Redis client, shared by the queue and cron layers, on one server, behind
 * Sentinel or on a Redis Cluster as {@code REDIS_URL} says ({@link RedisSettings}).
 *
 * <p>The commands it hands out are the ones a single server and a cluster have in common ({@link
 * RedisClusterCommands}); on a cluster each goes to the master of its key's slot, so modules work
 * unchanged on every deployment as long as each call's keys share one hash slot.
 *
 * <p>Nothing connects until a layer first asks for a connection, so applications that never use
 * Redis never need a server. Connections reconnect by themselves after a network failure, a server
 * restart or a failover; commands issued meanwhile wait for the reconnect, up to the command
 * timeout. Every connection handed out is closed, with the client, when the application stops.
 */
public final class ErrandRedis implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ErrandRedis.class);

  private final RedisSettings settings;
  private final List<AutoCloseable> connections = new ArrayList<>();
  // Read without the lock on every command: a client I/O thread that finished one call may start
  // the next, and must never wait for this monitor while another thread connects (the connect
  // would wait for that I/O thread in turn).
  private volatile RedisConnector connector;
  private volatile RedisLink shared;
  private volatile boolean closed;
  private volatile RecentHealth lastHealth;

  private static final long HEALTH_REUSE_NANOS = 250_000_000L;

  /** A client for {@code settings}; it connects on first use. */
  public ErrandRedis(RedisSettings settings) {
    this.settings = settings;
  }

  /** Where and how this client connects. */
  public RedisSettings settings() {
    return settings;
  }

  /** The deployment {@code REDIS_URL} names: one server, Sentinel or a cluster. */
  public RedisSettings.Mode mode() {
    return settings.mode();
  }

  /** Blocking commands on the connection shared by everyone who needs plain, quick commands. */
  public RedisClusterCommands<String, String> commands() {
    return shared().sync();
  }

  /** Non-blocking commands on the shared connection; replies arrive in the order sent. */
  public RedisClusterAsyncCommands<String, String> asyncCommands() {
    return shared().async();
  }

  /**
   * Non-blocking commands on the one connection that writes to {@code key}'s server: the shared
   * connection on one server or behind Sentinel, the connection to the key's master on a cluster.
   * Writes sent here and then a WAIT (replica acknowledgement) travel in order on one connection,
   * so the WAIT counts exactly those writes. It completes at once but for the first use of a
   * cluster node, which connects.
   */
  public CompletableFuture<RedisClusterAsyncCommands<String, String>> asyncCommandsFor(String key) {
    RedisLink link = shared();
    return connector().asyncCommandsFor(link, key);
  }

  /**
   * Commands on a connection of their own, for blocking calls (BLPOP and the like) that would stall
   * every other user of the shared connection. It is closed when the application stops.
   */
  public RedisClusterCommands<String, String> newBlockingCommands() {
    return track(() -> connector().connect()).sync();
  }

  /** A publish/subscribe connection, closed when the application stops. */
  public StatefulRedisPubSubConnection<String, String> connectPubSub() {
    return track(() -> connector().connectPubSub());
  }

  private RedisLink shared() {
    RedisLink link = shared;
    if (link != null && !closed) {
      return link;
    }
    synchronized (this) {
      checkOpen();
      if (shared == null) {
        shared = track(() -> connector().connect());
      }
      return shared;
    }
  }

  private RedisConnector connector() {
    RedisConnector c = connector;
    if (c != null && !closed) {
      return c;
    }
    synchronized (this) {
      checkOpen();
      if (connector == null) {
        // Creating the client opens no connection, so holding the monitor here is short.
        connector = RedisConnector.create(settings);
      }
      return connector;
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("The Redis client is closed: the application has stopped");
    }
  }

  /**
   * Opens a connection outside the monitor, then remembers it for close; an error names the server.
   * A connection opened while the client closed is closed at once.
   */
  private <C extends AutoCloseable> C track(Supplier<C> opener) {
    C connection;
    try {
      connection = opener.get();
    } catch (RuntimeException e) {
      if (closed) {
        throw e;
      }
      throw new IllegalStateException(
          "Cannot connect to Redis at "
              + settings.redactedUrl()
              + ": "
              + Failures.rootMessage(e)
              + "; check that REDIS_URL names a running server and that this host may reach it",
          e);
    }
    synchronized (this) {
      if (!closed) {
        connections.add(connection);
        return connection;
      }
    }
    closeQuietly(connection);
    throw new IllegalStateException("The Redis client is closed: the application has stopped");
  }

  /** Whether anything in the application has connected. */
  public synchronized boolean isOpen() {
    return connector != null && !closed;
  }

  /**
   * Up when every server holding data answers PING within the command timeout: the one server, the
   * master Sentinel names, or every master of the cluster. An answer is reused for 250 ms, so the
   * adapters of one health report share one check.
   */
  public Health health() {
    // One application health report asks Redis once per adapter that uses it (the app itself, the
    // queue, cron, schedules): within a moment they share one answer, one PING per server.
    long now = System.nanoTime();
    RecentHealth recent = lastHealth;
    if (recent != null && now - recent.checkedAt() < HEALTH_REUSE_NANOS) {
      return recent.health();
    }
    Health health = check();
    lastHealth = new RecentHealth(health, now);
    return health;
  }

  private record RecentHealth(Health health, long checkedAt) {}

  private Health check() {
    RedisLink link;
    RedisConnector c;
    try {
      link = shared();
      c = connector();
    } catch (RuntimeException e) {
      return Health.down(e.getMessage());
    }
    return c.health(link, settings.commandTimeout());
  }

  /**
   * Fails the start of {@code layer}, which cannot work without Redis, while Redis does not answer,
   * unless {@code REDIS_START_DEGRADED} lets it start and reconnect later (then it only warns).
   *
   * @param layer what needs Redis, for the message, e.g. {@code "QueueAdapter
   *     (JOBS_BACKEND=redis)"}
   */
  public void requireReachable(String layer) {
    Health health = health();
    if (health.up()) {
      return;
    }
    if (settings.startDegraded()) {
      log.warn(
          "{} starts without Redis, as REDIS_START_DEGRADED allows; it connects once Redis answers."
              + " Meanwhile: {}",
          layer,
          health.detail());
      return;
    }
    throw new ErrandStartupException(
        layer
            + " needs Redis, which does not answer: "
            + health.detail()
            + ". To start anyway and connect once Redis is back, set REDIS_START_DEGRADED=true");
  }

  private static void closeQuietly(AutoCloseable connection) {
    try {
      connection.close();
    } catch (Exception e) {
      log.warn("Closing a Redis connection failed", e);
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    connections.forEach(ErrandRedis::closeQuietly);
    connections.clear();
    if (connector != null) {
      connector.shutdown();
    }
  }
}
