package dev.errand.devtools.internal.queue;

import dev.errand.devtools.internal.api.ApiSection;
import dev.errand.devtools.internal.http.ApiException;
import dev.errand.devtools.internal.http.Reply;
import dev.errand.devtools.internal.http.Request;
import dev.errand.devtools.internal.http.Router;
import dev.errand.queue.LatencySketch;
import dev.errand.queue.MinuteStats;
import dev.errand.queue.QueueAdmin;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The history charts' data: what one queue, or every queue, finished per minute (last hour) or per
 * ten minutes (last day), in all processes together, with run-time percentiles of each bucket.
 */
final class HistoryApi implements ApiSection {

  /** One point of the chart; {@code at} is the bucket's start. */
  record Point(String at, long processed, long failed, double p50Ms, double p95Ms, double p99Ms) {}

  /** The reply: {@code queue} null for every queue together. */
  record History(String queue, String range, int bucketSeconds, List<Point> points) {}

  private enum Range {
    HOUR(60, 60),
    DAY(600, 144);

    final int bucketSeconds;
    final int buckets;

    Range(int bucketSeconds, int buckets) {
      this.bucketSeconds = bucketSeconds;
      this.buckets = buckets;
    }
  }

  private final QueueAdmin admin;
  private final QueueCatalog catalog;
  private final Clock clock;

  HistoryApi(QueueAdmin admin, QueueCatalog catalog, Clock clock) {
    this.admin = admin;
    this.catalog = catalog;
    this.clock = clock;
  }

  @Override
  public void register(Router router) {
    router.get("/api/metrics/history", request -> Reply.ok(history(request)));
  }

  private History history(Request request) {
    Optional<String> queue = request.query("queue");
    Range range = range(request.query("range").orElse("hour"));
    long bucket = range.bucketSeconds;
    long now = clock.instant().getEpochSecond();
    long last = now - Math.floorMod(now, bucket);
    long first = last - (range.buckets - 1) * bucket;
    long[] processed = new long[range.buckets];
    long[] failed = new long[range.buckets];
    LatencySketch[] latency = new LatencySketch[range.buckets];
    Arrays.fill(latency, LatencySketch.empty());
    Instant from = Instant.ofEpochSecond(first);
    Instant to = Instant.ofEpochSecond(last + bucket - 1);
    List<String> queues = queue.map(List::of).orElseGet(() -> List.copyOf(catalog.names()));
    for (String name : queues) {
      for (MinuteStats minute : admin.history(name, from, to)) {
        long index = (minute.minute().getEpochSecond() - first) / bucket;
        if (index >= 0 && index < range.buckets) {
          int i = (int) index;
          processed[i] += minute.processed();
          failed[i] += minute.failed();
          latency[i] = latency[i].plus(minute.latency());
        }
      }
    }
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < range.buckets; i++) {
      LatencySketch l = latency[i];
      points.add(
          new Point(
              Instant.ofEpochSecond(first + i * bucket).toString(),
              processed[i],
              failed[i],
              round(l.percentileMillis(0.50)),
              round(l.percentileMillis(0.95)),
              round(l.percentileMillis(0.99))));
    }
    return new History(
        queue.orElse(null), range.name().toLowerCase(Locale.ROOT), range.bucketSeconds, points);
  }

  private static Range range(String text) {
    return switch (text) {
      case "hour" -> Range.HOUR;
      case "day" -> Range.DAY;
      default ->
          throw ApiException.badRequest(
              "Query parameter 'range' must be hour or day, not '" + text + "'");
    };
  }

  private static double round(double ms) {
    return Math.round(ms * 100) / 100.0;
  }
}
