package dev.errand.queue.internal.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.core.ErrandRedis;
import dev.errand.queue.JobEvent;
import dev.errand.queue.JobFailure;
import io.lettuce.core.SetArgs;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's one pub/sub connection: queue events published by the scripts (a JSON array of
 * {@code [kind, id, name, attempt, data, errorClass, message, stackTrace]} per script call),
 * cancellation requests (a job id per message) and idle workers' wake-ups ({@link RedisWakeups}).
 * Lettuce subscribes again after a reconnect; what is published while the connection is down is not
 * heard, which is why a listener may ask to be told each time its channel is subscribed.
 *
 * <p>A subscription that cannot be made (Redis down when a worker starts) is tried again in the
 * background until it holds, so a worker never stays deaf to cancellations. While a queue's events
 * have a listener here, its {@code listening} key is kept set: the scripts build and publish events
 * only when that key exists. A key, not PUBSUB NUMSUB, because on a Redis Cluster NUMSUB counts
 * only the subscribers of the node the script runs on.
 */
final class RedisEvents {

  private static final Logger log = LoggerFactory.getLogger(RedisEvents.class);

  /** How long a listening key outlives its last refresh: a dead listener costs only this much. */
  static final Duration LISTENING_TTL = Duration.ofSeconds(60);

  private static final Duration MAX_RETRY_PAUSE = Duration.ofSeconds(10);

  private final ErrandRedis redis;
  private final Duration listeningTtl;
  private final ObjectMapper mapper = new ObjectMapper();
  private final Map<String, List<Consumer<String>>> handlers = new ConcurrentHashMap<>();
  private final Map<String, List<Runnable>> onSubscribed = new ConcurrentHashMap<>();
  private final Map<String, String> listeningKeys = new ConcurrentHashMap<>();
  private final Set<String> subscribed = ConcurrentHashMap.newKeySet();
  private volatile StatefulRedisPubSubConnection<String, String> connection;
  private ScheduledExecutorService timer;
  private boolean closed;

  RedisEvents(ErrandRedis redis) {
    this(redis, LISTENING_TTL);
  }

  /** With another lifetime for the listening keys, which tests shorten. */
  RedisEvents(ErrandRedis redis, Duration listeningTtl) {
    this.redis = redis;
    this.listeningTtl = listeningTtl;
  }

  /**
   * Calls {@code handler} with each message on {@code channel}; subscribed when it returns if Redis
   * answers, else as soon as it does. While subscribed, {@code listeningKey} (if not null) is kept.
   */
  AutoCloseable listen(String channel, String listeningKey, Consumer<String> handler) {
    return listen(channel, listeningKey, handler, null);
  }

  /**
   * {@link #listen(String, String, Consumer)}, and runs {@code whenSubscribed} (if not null) each
   * time Redis confirms the channel's subscription, a resubscription after a reconnect included:
   * what was published meanwhile is lost, and the listener may want to look for it.
   */
  synchronized AutoCloseable listen(
      String channel, String listeningKey, Consumer<String> handler, Runnable whenSubscribed) {
    if (whenSubscribed != null) {
      onSubscribed.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(whenSubscribed);
    }
    List<Consumer<String>> list =
        handlers.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>());
    boolean first = list.isEmpty();
    list.add(handler);
    if (listeningKey != null) {
      listeningKeys.put(channel, listeningKey);
    }
    if (first) {
      subscribe(channel, Duration.ofMillis(200));
    }
    return () -> unlisten(channel, handler, whenSubscribed);
  }

  /** Whether {@code channel} is subscribed and the connection is up, so messages are heard. */
  boolean isHeard(String channel) {
    StatefulRedisPubSubConnection<String, String> c = connection;
    return c != null && c.isOpen() && subscribed.contains(channel);
  }

  private synchronized void subscribe(String channel, Duration pause) {
    if (closed || !handlers.containsKey(channel) || subscribed.contains(channel)) {
      return;
    }
    try {
      connection().sync().subscribe(channel);
      subscribed.add(channel);
      if (listeningKeys.containsKey(channel)) {
        markListening(channel);
        timer(); // keeps the key alive while the subscription lasts
      }
    } catch (RuntimeException e) {
      log.warn(
          "Cannot subscribe to {} yet ({}); trying again in {} ms",
          channel,
          e.getMessage(),
          pause.toMillis());
      Duration next =
          pause.multipliedBy(2).compareTo(MAX_RETRY_PAUSE) > 0
              ? MAX_RETRY_PAUSE
              : pause.multipliedBy(2);
      timer().schedule(() -> subscribe(channel, next), pause.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private StatefulRedisPubSubConnection<String, String> connection() {
    if (connection == null) {
      StatefulRedisPubSubConnection<String, String> opened = redis.connectPubSub();
      opened.addListener(
          new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
              deliver(channel, message);
            }

            @Override
            public void subscribed(String channel, long count) {
              onSubscribed.getOrDefault(channel, List.of()).forEach(RedisEvents::runQuietly);
            }
          });
      connection = opened;
    }
    return connection;
  }

  private void markListening(String channel) {
    String key = listeningKeys.get(channel);
    if (key != null) {
      redis.commands().set(key, "1", SetArgs.Builder.px(listeningTtl.toMillis()));
    }
  }

  private synchronized ScheduledExecutorService timer() {
    if (timer == null) {
      timer =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread thread = new Thread(r, "errand-queue-events");
                thread.setDaemon(true);
                return thread;
              });
      long every = listeningTtl.dividedBy(3).toMillis();
      timer.scheduleWithFixedDelay(this::refreshListening, every, every, TimeUnit.MILLISECONDS);
    }
    return timer;
  }

  private void refreshListening() {
    for (String channel : subscribed) {
      try {
        markListening(channel);
      } catch (RuntimeException e) {
        log.debug("Refreshing the listening mark of {} failed", channel, e);
      }
    }
  }

  private synchronized void unlisten(
      String channel, Consumer<String> handler, Runnable whenSubscribed) {
    List<Runnable> hooks = onSubscribed.get(channel);
    if (hooks != null) {
      hooks.remove(whenSubscribed);
    }
    List<Consumer<String>> list = handlers.get(channel);
    if (list != null && list.remove(handler) && list.isEmpty()) {
      handlers.remove(channel);
      listeningKeys.remove(channel);
      if (subscribed.remove(channel) && connection != null) {
        connection.sync().unsubscribe(channel);
      }
    }
  }

  private void deliver(String channel, String message) {
    List<Consumer<String>> list = handlers.get(channel);
    if (list == null) {
      return;
    }
    for (Consumer<String> handler : list) {
      try {
        handler.accept(message);
      } catch (RuntimeException e) {
        log.warn("A subscriber of {} failed", channel, e);
      }
    }
  }

  private static void runQuietly(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      log.warn("A subscription listener failed", e);
    }
  }

  /** Reads one published batch of events. */
  void parse(String queue, String message, Consumer<JobEvent> sink) {
    JsonNode batch;
    try {
      batch = mapper.readTree(message);
    } catch (Exception e) {
      log.warn("Ignoring an unreadable event message on queue '{}': {}", queue, e.getMessage());
      return;
    }
    for (JsonNode e : batch) {
      JobEvent.Type type =
          switch (e.get(0).asText()) {
            case "c" -> JobEvent.Type.COMPLETED;
            case "r" -> JobEvent.Type.RETRYING;
            case "f" -> JobEvent.Type.FAILED;
            case "d" -> JobEvent.Type.DEAD;
            case "s" -> JobEvent.Type.STALLED;
            case "z" -> JobEvent.Type.SNOOZED;
            case "u" -> JobEvent.Type.DEDUPLICATED;
            default -> JobEvent.Type.PROGRESS;
          };
      String name = e.get(2).asText();
      String data = text(e, 4);
      JobFailure failure =
          e.size() > 5
              ? new JobFailure(e.get(5).asText(), e.get(6).asText(), e.get(7).asText())
              : null;
      sink.accept(
          new JobEvent(
              type,
              queue,
              e.get(1).asText(),
              name.isEmpty() ? null : name,
              e.get(3).asInt(),
              data,
              failure));
    }
  }

  private static String text(JsonNode e, int at) {
    String value = e.size() > at ? e.get(at).asText() : "";
    return value.isEmpty() ? null : value;
  }

  /** Forgets the subscriptions; the application's Redis client closes the connection. */
  synchronized void close() {
    closed = true;
    connection = null;
    handlers.clear();
    onSubscribed.clear();
    listeningKeys.clear();
    subscribed.clear();
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
