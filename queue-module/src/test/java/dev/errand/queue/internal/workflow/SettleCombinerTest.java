package dev.errand.queue.internal.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.errand.queue.spi.StepOutcome;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Batches of one workflow's outcomes that arrive while one of its settles is under way are settled
 * together in the next call, each returning once its own outcomes are recorded, and all of them
 * failing when that call fails; other workflows do not wait.
 */
class SettleCombinerTest {

  private static final StepOutcome DONE = new StepOutcome.Completed(null);

  private record Call(String workflow, Map<String, StepOutcome> outcomes) {}

  @Test
  void shouldSettleTheBatchesThatArriveMeanwhileInOneCallAfterTheOneUnderWay() throws Exception {
    List<Call> calls = new CopyOnWriteArrayList<>();
    CountDownLatch firstEntered = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    SettleCombiner combiner =
        new SettleCombiner(
            (workflow, outcomes) -> {
              calls.add(new Call(workflow, Map.copyOf(outcomes)));
              if (outcomes.containsKey("a")) {
                firstEntered.countDown();
                hold(releaseFirst);
              }
            });

    Thread first = Thread.ofVirtual().start(() -> combiner.settle("w", Map.of("a", DONE)));
    firstEntered.await(5, TimeUnit.SECONDS);
    Thread second = Thread.ofVirtual().start(() -> combiner.settle("w", Map.of("b", DONE)));
    Thread third = Thread.ofVirtual().start(() -> combiner.settle("w", Map.of("c", DONE)));
    // Another workflow goes by while "w" is busy.
    combiner.settle("other", Map.of("x", DONE));
    await().atMost(5, TimeUnit.SECONDS).until(() -> waiting(second) && waiting(third));
    releaseFirst.countDown();
    first.join();
    second.join();
    third.join();

    assertThat(calls)
        .containsExactly(
            new Call("w", Map.of("a", DONE)),
            new Call("other", Map.of("x", DONE)),
            new Call("w", Map.of("b", DONE, "c", DONE)));
  }

  @Test
  void shouldFailEveryBatchOfACallThatFailedAndLetTheNextCallGoOn() throws Exception {
    CountDownLatch firstEntered = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    SettleCombiner combiner =
        new SettleCombiner(
            (workflow, outcomes) -> {
              if (outcomes.containsKey("a")) {
                firstEntered.countDown();
                hold(releaseFirst);
                throw new IllegalStateException("store down");
              }
            });
    AtomicReference<Throwable> firstFailure = new AtomicReference<>();
    Thread first =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    combiner.settle("w", Map.of("a", DONE));
                  } catch (RuntimeException e) {
                    firstFailure.set(e);
                  }
                });
    firstEntered.await(5, TimeUnit.SECONDS);
    releaseFirst.countDown();
    first.join();

    assertThat(firstFailure.get()).hasMessage("store down");
    // The next batch is a call of its own, which succeeds.
    combiner.settle("w", Map.of("b", DONE));
    assertThatThrownBy(() -> combiner.settle("w", Map.of("a", DONE)))
        .isInstanceOf(IllegalStateException.class);
  }

  private static boolean waiting(Thread thread) {
    Thread.State state = thread.getState();
    return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
  }

  private static void hold(CountDownLatch latch) {
    try {
      if (!latch.await(5, TimeUnit.SECONDS)) {
        throw new IllegalStateException("not released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
