package dev.errand.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errand.postgres.TestPostgres;
import dev.errand.queue.DependencyFailure;
import dev.errand.queue.WorkflowStepState;
import dev.errand.queue.spi.JobDraft;
import dev.errand.queue.spi.Settled;
import dev.errand.queue.spi.StepOutcome;
import dev.errand.queue.spi.StoredStep;
import dev.errand.queue.spi.WorkflowStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the PostgreSQL workflow store adds to the contract suites: a workflow is stored whole or not
 * at all, and a fan-in step is released once when its last dependencies finish at the same moment
 * in many connections (each store here has a pool of its own, as a process would).
 */
class PgWorkflowStoreTest {

  private static final int PARTS = 12;

  @RegisterExtension final TestPostgres postgres = new TestPostgres();

  private static StoredStep step(String id, List<String> after) {
    List<StoredStep.Dependency> deps =
        after.stream().map(d -> new StoredStep.Dependency(d, DependencyFailure.FAIL)).toList();
    return new StoredStep(
        id, "work", new JobDraft("run", "{}", null, "wf:w:" + id, 0, null), deps, false);
  }

  @Test
  void shouldStoreNothingOfAWorkflowWhoseStepCannotBeWritten() {
    WorkflowStore store = postgres.backend().workflowStore();
    // The second "a" breaks the step table's key after the first steps were written.
    List<StoredStep> steps =
        List.of(step("a", List.of()), step("b", List.of("a")), step("a", List.of()));

    assertThatThrownBy(() -> store.create("broken", steps)).hasMessageContaining("workflow broken");
    assertThat(store.steps("broken")).isEmpty();
    assertThat(store.list(0, 10)).doesNotContain("broken");
    assertThat(store.create("broken", steps.subList(0, 2))).isTrue();
    assertThat(store.steps("broken").orElseThrow()).hasSize(2);
  }

  @Test
  void shouldReleaseAFanInOnceWhenItsLastDependenciesFinishAtOnce() throws Exception {
    List<WorkflowStore> processes = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      processes.add(postgres.backend().workflowStore());
    }
    ExecutorService threads = Executors.newFixedThreadPool(PARTS);
    try {
      for (int round = 0; round < 10; round++) {
        String workflow = "fan-in-" + round;
        List<StoredStep> steps = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < PARTS; i++) {
          parts.add("part-" + i);
          steps.add(step("part-" + i, List.of()));
        }
        steps.add(step("gather", parts));
        assertThat(processes.getFirst().create(workflow, steps)).isTrue();

        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Settled>> settles = new ArrayList<>();
        for (int i = 0; i < PARTS; i++) {
          WorkflowStore store = processes.get(i % processes.size());
          String part = parts.get(i);
          settles.add(
              CompletableFuture.supplyAsync(
                  () -> {
                    try {
                      go.await();
                    } catch (InterruptedException e) {
                      throw new IllegalStateException(e);
                    }
                    return store.settle(
                        workflow, Map.of(part, new StepOutcome.Completed("\"" + part + "\"")), 500);
                  },
                  threads));
        }
        go.countDown();
        long released =
            settles.stream()
                .map(CompletableFuture::join)
                .flatMap(s -> s.released().stream())
                .filter(s -> s.id().equals("gather"))
                .count();

        assertThat(released).as("round " + round).isEqualTo(1);
        assertThat(processes.getFirst().step(workflow, "gather").orElseThrow().state())
            .isEqualTo(WorkflowStepState.READY);
        assertThat(processes.getFirst().results(workflow, parts)).hasSize(PARTS);
      }
    } finally {
      threads.shutdownNow();
    }
  }
}
