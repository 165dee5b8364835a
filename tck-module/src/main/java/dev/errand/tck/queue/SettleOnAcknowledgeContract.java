package dev.errand.tck.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.queue.DependencyFailure;
import dev.errand.queue.JobFailure;
import dev.errand.queue.Retention;
import dev.errand.queue.WorkflowStepState;
import dev.errand.queue.spi.Ack;
import dev.errand.queue.spi.Fetched;
import dev.errand.queue.spi.JobDraft;
import dev.errand.queue.spi.Lease;
import dev.errand.queue.spi.LeasedJob;
import dev.errand.queue.spi.QueueBackend;
import dev.errand.queue.spi.SettledOnAcknowledge;
import dev.errand.queue.spi.StoredStep;
import dev.errand.queue.spi.WorkflowJobIds;
import dev.errand.queue.spi.WorkflowStore;
import dev.errand.testsupport.TestServers;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a backend that settles workflow steps as it acknowledges their jobs ({@link
 * QueueBackend#settleStepsOnAcknowledge}) must do: record a step's outcome with its
 * acknowledgement, and only for one it accepts; hand on the steps that released; and note each
 * release until the caller has carried it through, so that the workflow sweeper finishes one whose
 * process died. Driven through the SPI, as the workflow layer drives it. The dependent step waits
 * in another queue, whose steps a backend leaves to the caller even when it adds those of the
 * acknowledged queue itself.
 */
public abstract class SettleOnAcknowledgeContract extends DrivenQueueContract {

  private static final Lease LEASE = new Lease("worker-1", Duration.ofMinutes(1), 1);

  private final String other = TestServers.unique("settle-on-ack-other");
  private final List<SettledOnAcknowledge> handedOn = new CopyOnWriteArrayList<>();
  private WorkflowStore store;

  protected SettleOnAcknowledgeContract() {
    super("settle-on-ack");
  }

  @BeforeEach
  final void openStore() {
    store = backend.workflowStore();
  }

  private StoredStep step(String workflow, String id, String in, String... after) {
    JobDraft job = new JobDraft("work", "{}", null, WorkflowJobIds.of(workflow, id), 0, null, null);
    List<StoredStep.Dependency> deps =
        Arrays.stream(after)
            .map(dep -> new StoredStep.Dependency(dep, DependencyFailure.FAIL))
            .toList();
    return new StoredStep(id, in, job, deps, false);
  }

  /**
   * Stores root -> child under {@code workflow} (the child in the other queue) and adds the root's
   * job, leased by {@link #LEASE}.
   */
  private LeasedJob rootLeased(String workflow) {
    return rootLeased(workflow, step(workflow, "child", other, "root"));
  }

  private LeasedJob rootLeased(String workflow, StoredStep child) {
    StoredStep root = step(workflow, "root", queue);
    assertThat(store.create(workflow, List.of(root, child))).isTrue();
    backend.add(queue, List.of(root.job()));
    store.enqueued(workflow, List.of("root"));
    List<LeasedJob> jobs = backend.fetch(queue, LEASE, 10).jobs();
    assertThat(jobs).extracting(LeasedJob::id).containsExactly(WorkflowJobIds.of(workflow, "root"));
    return jobs.get(0);
  }

  private WorkflowStepState state(String workflow, String step) {
    return store.step(workflow, step).orElseThrow().state();
  }

  private List<String> notes() {
    return store.unreleased(Instant.now().plus(Duration.ofMinutes(1)), 100);
  }

  private static Ack.Complete completed(LeasedJob job, String result) {
    return new Ack.Complete(job.id(), result, Retention.keepAll());
  }

  @Test
  void shouldSettleTheStepInTheAcknowledgementAndNoteTheReleaseUntilItIsCarriedThrough() {
    assertThat(backend.settleStepsOnAcknowledge(handedOn::add)).isTrue();
    String workflow = TestServers.unique("settled");
    LeasedJob root = rootLeased(workflow);

    Fetched fetched =
        backend.acknowledgeAndFetch(queue, LEASE, List.of(completed(root, "42")), 10).join();

    assertThat(fetched.refused()).isEmpty();
    assertThat(handedOn)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.workflowId()).isEqualTo(workflow);
              assertThat(s.settled().released())
                  .extracting(StoredStep::id)
                  .containsExactly("child");
              assertThat(s.settled().more()).isFalse();
            });
    assertThat(state(workflow, "root")).isEqualTo(WorkflowStepState.COMPLETED);
    assertThat(store.results(workflow, List.of("root"))).isEqualTo(Map.of("root", "42"));
    assertThat(state(workflow, "child")).isEqualTo(WorkflowStepState.READY);
    assertThat(notes())
        .as("a process that dies now leaves the note for the sweeper")
        .filteredOn(note -> note.startsWith(workflow + ":"))
        .hasSize(1);

    // What the workflow layer does with it: adds the step's job, marks it, ends the note.
    SettledOnAcknowledge settled = handedOn.getFirst();
    backend.add(other, List.of(settled.settled().released().getFirst().job()));
    store.enqueued(workflow, List.of("child"));
    settled.carriedThrough().run();

    assertThat(notes()).noneMatch(note -> note.startsWith(workflow));
    assertThat(state(workflow, "child")).isEqualTo(WorkflowStepState.ENQUEUED);
    assertThat(backend.fetch(other, LEASE, 10).jobs())
        .extracting(LeasedJob::id)
        .containsExactly(WorkflowJobIds.of(workflow, "child"));
  }

  @Test
  void shouldAddAReleasedStepOfTheAcknowledgedQueueToItAndLeaseItInTheSameCall() {
    backend.settleStepsOnAcknowledge(handedOn::add);
    String workflow = TestServers.unique("here");
    String childJob = WorkflowJobIds.of(workflow, "child");
    JobDraft draft =
        new JobDraft(
            "child-work", "{\"n\":\"\u00fc\"}", "{\"retries\":2}", childJob, 7, null, "g1");
    StoredStep child =
        new StoredStep(
            "child",
            queue,
            draft,
            List.of(new StoredStep.Dependency("root", DependencyFailure.FAIL)),
            false);
    LeasedJob root = rootLeased(workflow, child);

    Fetched fetched =
        backend.acknowledgeAndFetch(queue, LEASE, List.of(completed(root, "")), 10).join();

    assertThat(fetched.jobs())
        .singleElement()
        .satisfies(
            job -> {
              assertThat(job.id()).isEqualTo(childJob);
              assertThat(job.name()).isEqualTo("child-work");
              assertThat(job.payload()).isEqualTo("{\"n\":\"\u00fc\"}");
              assertThat(job.options()).isEqualTo("{\"retries\":2}");
            });
    assertThat(backend.admin().job(queue, childJob).orElseThrow().priority()).isEqualTo(7);
    assertThat(state(workflow, "child")).isEqualTo(WorkflowStepState.ENQUEUED);
    assertThat(handedOn).allMatch(s -> s.settled().released().isEmpty());
    assertThat(notes())
        .as("nothing left to add, so no note")
        .noneMatch(n -> n.startsWith(workflow));
  }

  @Test
  void shouldSettleNothingForARefusedAcknowledgement() {
    backend.settleStepsOnAcknowledge(handedOn::add);
    String workflow = TestServers.unique("refused");
    LeasedJob root = rootLeased(workflow);
    Lease another = new Lease("worker-2", LEASE.duration(), 1);

    Fetched fetched =
        backend.acknowledgeAndFetch(queue, another, List.of(completed(root, "1")), 10).join();

    assertThat(fetched.refused()).containsExactly(root.id());
    assertThat(handedOn).allMatch(s -> s.settled().released().isEmpty());
    assertThat(state(workflow, "root")).isEqualTo(WorkflowStepState.ENQUEUED);
    assertThat(state(workflow, "child")).isEqualTo(WorkflowStepState.WAITING_ON_DEPENDENCIES);
    assertThat(notes()).noneMatch(note -> note.startsWith(workflow));
  }

  @Test
  void shouldFailTheDependentsOfAStepWhoseJobFailedForGood() {
    backend.settleStepsOnAcknowledge(handedOn::add);
    String workflow = TestServers.unique("failed");
    LeasedJob root = rootLeased(workflow);
    JobFailure failure = new JobFailure("java.lang.IllegalStateException", "no paper", "");

    backend.acknowledge(
        queue, LEASE.token(), List.of(new Ack.Fail(root.id(), failure, true, Retention.keepAll())));

    assertThat(state(workflow, "root")).isEqualTo(WorkflowStepState.FAILED);
    assertThat(store.step(workflow, "root").orElseThrow().failure())
        .isEqualTo("java.lang.IllegalStateException: no paper");
    assertThat(state(workflow, "child")).isEqualTo(WorkflowStepState.DEPENDENCY_FAILED);
    assertThat(store.step(workflow, "child").orElseThrow().failure())
        .isEqualTo("dependency 'root' failed: java.lang.IllegalStateException: no paper");
    assertThat(handedOn).allMatch(s -> s.settled().released().isEmpty());
    assertThat(notes()).as("nothing released, so no note").noneMatch(n -> n.startsWith(workflow));
  }

  @Test
  void shouldRecordNothingWhenTheOfferWasNotTaken() {
    String workflow = TestServers.unique("plain");
    LeasedJob root = rootLeased(workflow);

    assertThat(backend.acknowledge(queue, LEASE.token(), List.of(completed(root, "1")))).isEmpty();

    assertThat(state(workflow, "root")).isEqualTo(WorkflowStepState.ENQUEUED);
    assertThat(notes()).noneMatch(note -> note.startsWith(workflow));
  }
}
