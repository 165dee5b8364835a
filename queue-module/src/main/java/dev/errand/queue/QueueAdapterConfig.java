package dev.errand.queue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.queue.internal.ProcessorScan;
import dev.errand.queue.internal.QueueRuntime;
import dev.errand.queue.spi.QueueBackend;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link QueueAdapter} is configured with before it starts, each part checked as it is given
 * (a queue's name, a shard count, a backoff's name): the packages and classes to scan, the queues
 * that share handlers or are consumed elsewhere, backoffs, rate limits, shards, a backend and a
 * clock. The adapter turns it into the processor scan and the runtime's configuration once.
 */
final class QueueAdapterConfig {

  private final List<String> packages;
  private final Set<Class<?>> explicit = new LinkedHashSet<>();
  private final Map<String, BackoffStrategy> strategies = new LinkedHashMap<>();
  private final Map<String, RateLimit> rateLimits = new LinkedHashMap<>();
  private final Map<String, RateLimit> groupRateLimits = new LinkedHashMap<>();
  private final Map<String, Integer> shards = new LinkedHashMap<>();
  private final Map<String, List<String>> sameHandlers = new LinkedHashMap<>();
  private final Set<String> consumedElsewhere = new LinkedHashSet<>();
  private QueueBackend customBackend;
  private Clock clock = Clock.systemUTC();

  QueueAdapterConfig(String... packages) {
    this.packages = List.of(packages);
  }

  void classes(Class<?>... types) {
    explicit.addAll(List.of(types));
  }

  void sameHandlers(String queue, Collection<String> queues) {
    List<String> names = queues.stream().map(QueueNames::check).toList();
    sameHandlers.computeIfAbsent(QueueNames.check(queue), q -> new ArrayList<>()).addAll(names);
  }

  void consumedElsewhere(String... queues) {
    consumedElsewhere.addAll(Arrays.stream(queues).map(QueueNames::check).toList());
  }

  void backoff(String name, BackoffStrategy strategy) {
    Objects.requireNonNull(strategy, "strategy");
    new Backoff.Custom(name); // checks the name
    strategies.put(name, strategy);
  }

  void rateLimit(String queue, RateLimit limit) {
    rateLimits.put(QueueNames.check(queue), Objects.requireNonNull(limit, "limit"));
  }

  void groupRateLimit(String queue, RateLimit limit) {
    groupRateLimits.put(QueueNames.check(queue), Objects.requireNonNull(limit, "limit"));
  }

  void shards(String queue, int count) {
    if (count < 1 || count > QueueSettings.MAX_SHARDS) {
      throw new IllegalArgumentException(
          "Queue '" + queue + "' cannot have " + count + " shards: use 1 to 64");
    }
    shards.put(QueueNames.check(queue), count);
  }

  void backend(QueueBackend backend) {
    this.customBackend = Objects.requireNonNull(backend, "backend");
  }

  void clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  Clock clock() {
    return clock;
  }

  /** Finds the {@code @Job} classes of the packages and the classes given. */
  ProcessorScan scan(ObjectMapper mapper) {
    return ProcessorScan.run(packages, explicit, sameHandlers, consumedElsewhere, mapper);
  }

  /** The runtime's configuration, with {@code settings}: a copy later changes do not reach. */
  QueueRuntime.Config runtimeConfig(QueueSettings settings) {
    return new QueueRuntime.Config(
        settings,
        customBackend,
        clock,
        Map.copyOf(strategies),
        Map.copyOf(rateLimits),
        Map.copyOf(groupRateLimits),
        Map.copyOf(shards));
  }
}
