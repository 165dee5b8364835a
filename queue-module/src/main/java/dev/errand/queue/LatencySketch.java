package dev.errand.queue;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Handler run times counted in fixed buckets whose bounds grow by a quarter power of two (each
 * about 19 % wider than the one before), from 0.1 ms up to some 30 hours. Every process and backend
 * uses the same bounds, so the sketches of many processes and minutes add up bucket by bucket and a
 * percentile of the sum is as good as one of a single sketch: within one bucket, about 10 % either
 * way.
 */
public final class LatencySketch {

  /** The highest bucket index; longer runs count in it. */
  public static final int MAX_BUCKET = 120;

  private static final double SMALLEST_MS = 0.1;
  private static final double STEPS_PER_DOUBLING = 4;
  private static final LatencySketch EMPTY = new LatencySketch(new TreeMap<>());

  private final Map<Integer, Long> buckets;
  private final long count;

  private LatencySketch(TreeMap<Integer, Long> buckets) {
    this.buckets = Collections.unmodifiableMap(buckets);
    this.count = buckets.values().stream().mapToLong(Long::longValue).sum();
  }

  public static LatencySketch empty() {
    return EMPTY;
  }

  /** A sketch of these bucket counts (index to count); zero and negative counts are left out. */
  public static LatencySketch of(Map<Integer, Long> counts) {
    TreeMap<Integer, Long> kept = new TreeMap<>();
    counts.forEach(
        (bucket, n) -> {
          if (bucket < 0 || bucket > MAX_BUCKET) {
            throw new IllegalArgumentException(
                "A latency bucket is from 0 to " + MAX_BUCKET + ", got " + bucket);
          }
          if (n > 0) {
            kept.merge(bucket, n, Long::sum);
          }
        });
    return kept.isEmpty() ? EMPTY : new LatencySketch(kept);
  }

  /** The bucket a run of {@code took} counts in. */
  public static int bucketOf(Duration took) {
    double ms = took.toNanos() / 1e6;
    if (ms <= SMALLEST_MS) {
      return 0;
    }
    int index = (int) Math.ceil(STEPS_PER_DOUBLING * Math.log(ms / SMALLEST_MS) / Math.log(2));
    return Math.min(MAX_BUCKET, Math.max(0, index));
  }

  /** The run time, in milliseconds, that stands for bucket {@code index}: its geometric middle. */
  public static double millisOf(int index) {
    if (index == 0) {
      return SMALLEST_MS / 2;
    }
    return SMALLEST_MS * Math.pow(2, (index - 0.5) / STEPS_PER_DOUBLING);
  }

  /** Bucket index to count, in index order, without empty buckets. */
  public Map<Integer, Long> buckets() {
    return buckets;
  }

  /** How many runs were counted. */
  public long count() {
    return count;
  }

  /** The runs of both sketches. */
  public LatencySketch plus(LatencySketch other) {
    if (other.count == 0) {
      return this;
    }
    if (count == 0) {
      return other;
    }
    TreeMap<Integer, Long> sum = new TreeMap<>(buckets);
    other.buckets.forEach((bucket, n) -> sum.merge(bucket, n, Long::sum));
    return new LatencySketch(sum);
  }

  /**
   * The run time below which {@code quantile} (0 to 1) of the runs fall, in milliseconds; 0 for an
   * empty sketch.
   */
  public double percentileMillis(double quantile) {
    if (quantile < 0 || quantile > 1) {
      throw new IllegalArgumentException("A quantile is from 0 to 1, got " + quantile);
    }
    if (count == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(quantile * count));
    long seen = 0;
    int last = 0;
    for (Map.Entry<Integer, Long> bucket : buckets.entrySet()) {
      seen += bucket.getValue();
      last = bucket.getKey();
      if (seen >= rank) {
        break;
      }
    }
    return millisOf(last);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LatencySketch other && buckets.equals(other.buckets);
  }

  @Override
  public int hashCode() {
    return buckets.hashCode();
  }

  @Override
  public String toString() {
    return "LatencySketch" + buckets;
  }
}
