package dev.errand.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencySketchTest {

  private static LatencySketch sketchOf(double... millis) {
    Map<Integer, Long> counts = new HashMap<>();
    for (double ms : millis) {
      counts.merge(LatencySketch.bucketOf(Duration.ofNanos((long) (ms * 1e6))), 1L, Long::sum);
    }
    return LatencySketch.of(counts);
  }

  @Test
  void shouldGivePercentilesWithinAboutTenPercent() {
    Random random = new Random(7);
    double[] runs = new double[10_000];
    for (int i = 0; i < runs.length; i++) {
      runs[i] = Math.exp(random.nextGaussian() * 1.5 + 2);
    }
    LatencySketch sketch = sketchOf(runs);
    double[] sorted = runs.clone();
    java.util.Arrays.sort(sorted);
    for (double q : new double[] {0.5, 0.9, 0.95, 0.99}) {
      double exact = sorted[(int) Math.ceil(q * sorted.length) - 1];
      assertThat(sketch.percentileMillis(q))
          .as("p%s", q * 100)
          .isCloseTo(exact, within(exact * 0.1));
    }
    assertThat(sketch.count()).isEqualTo(runs.length);
  }

  @Test
  void shouldAddUpSketchesOfSeveralProcessesAsOneOfAllTheirRuns() {
    LatencySketch one = sketchOf(1, 2, 3, 400);
    LatencySketch two = sketchOf(5, 6, 7000);
    assertThat(one.plus(two)).isEqualTo(sketchOf(1, 2, 3, 400, 5, 6, 7000));
    assertThat(one.plus(LatencySketch.empty())).isEqualTo(one);
    assertThat(LatencySketch.empty().percentileMillis(0.99)).isZero();
  }

  @Test
  void shouldKeepEveryRunTimeInABucketFromTheShortestToTheLongest() {
    assertThat(LatencySketch.bucketOf(Duration.ZERO)).isZero();
    assertThat(LatencySketch.bucketOf(Duration.ofDays(30))).isEqualTo(LatencySketch.MAX_BUCKET);
    assertThat(LatencySketch.millisOf(LatencySketch.bucketOf(Duration.ofMillis(250))))
        .isCloseTo(250, within(25.0));
    assertThatThrownBy(() -> LatencySketch.of(Map.of(121, 1L)))
        .hasMessageContaining("from 0 to 120");
  }
}
