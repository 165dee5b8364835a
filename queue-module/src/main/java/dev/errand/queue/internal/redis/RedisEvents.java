package dev.errand.queue.internal.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.core.ErrandRedis;
import dev.errand.queue.JobEvent;
import dev.errand.queue.JobFailure;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's one pub/sub connection: queue events published by the scripts (a JSON array of
 * {@code [kind, id, name, attempt, data, errorClass, message, stackTrace]} per script call) and
 * cancellation requests (a job id per message). Lettuce subscribes again after a reconnect; what is
 * published while the connection is down is not heard.
 */
final class RedisEvents {

  private static final Logger log = LoggerFactory.getLogger(RedisEvents.class);

  private final ErrandRedis redis;
  private final ObjectMapper mapper = new ObjectMapper();
  private final Map<String, List<Consumer<String>>> handlers = new ConcurrentHashMap<>();
  private StatefulRedisPubSubConnection<String, String> connection;

  RedisEvents(ErrandRedis redis) {
    this.redis = redis;
  }

  /** Calls {@code handler} with each message on {@code channel}; subscribed when it returns. */
  synchronized AutoCloseable listen(String channel, Consumer<String> handler) {
    if (connection == null) {
      connection = redis.connectPubSub();
      connection.addListener(
          new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
              deliver(channel, message);
            }
          });
    }
    List<Consumer<String>> list =
        handlers.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>());
    boolean first = list.isEmpty();
    list.add(handler);
    if (first) {
      connection.sync().subscribe(channel);
    }
    return () -> unlisten(channel, handler);
  }

  private synchronized void unlisten(String channel, Consumer<String> handler) {
    List<Consumer<String>> list = handlers.get(channel);
    if (list != null && list.remove(handler) && list.isEmpty() && connection != null) {
      connection.sync().unsubscribe(channel);
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
    connection = null;
    handlers.clear();
  }
}
