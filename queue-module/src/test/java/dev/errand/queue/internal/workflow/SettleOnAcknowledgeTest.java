package dev.errand.queue.internal.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.core.ErrandRedis;
import dev.errand.core.RedisSettings;
import dev.errand.queue.DependencyFailure;
import dev.errand.queue.Retention;
import dev.errand.queue.WorkflowStepState;
import dev.errand.queue.internal.redis.RedisBackend;
import dev.errand.queue.spi.Ack;
import dev.errand.queue.spi.Fetched;
import dev.errand.queue.spi.JobDraft;
import dev.errand.queue.spi.Lease;
import dev.errand.queue.spi.LeasedJob;
import dev.errand.queue.spi.SettledOnAcknowledge;
import dev.errand.queue.spi.StoredStep;
import dev.errand.queue.spi.WorkflowJobIds;
import dev.errand.queue.spi.WorkflowStore;
import dev.errand.testsupport.TestServers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * On one Redis server the acknowledge script settles a workflow step as it acknowledges the step's
 * job (what every backend that does so must do is {@code SettleOnAcknowledgeContract}, tck-module):
 * here, that a note of the release survives a process dying before it added the released steps, so
 * that the sweeper adds them, and which steps the script leaves to the worker rather than add them
 * itself.
 */
class SettleOnAcknowledgeTest {

  private static final String QUEUE = "settle-on-ack";
  private static final String OTHER = "settle-on-ack-other";
  private static final Lease LEASE = new Lease("worker-1", Duration.ofMinutes(1), 1);

  private final ErrandRedis redis = new ErrandRedis(RedisSettings.of(TestServers.redisUrl()));
  private final String prefix = TestServers.unique("errand-settleonack");
  private final RedisBackend queues = new RedisBackend(redis, prefix, Clock.systemUTC());
  private final WorkflowStore store = queues.workflowStore();
  private final List<SettledOnAcknowledge> handedOn = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    queues.close();
    redis.close();
  }

  private static StoredStep step(String workflow, String id, String queue, String... after) {
    return step(workflow, id, queue, new JobDraft("work", "{}", null, null, 0, null), after);
  }

  private static StoredStep step(
      String workflow, String id, String queue, JobDraft draft, String... after) {
    JobDraft job =
        new JobDraft(
            draft.name(),
            draft.payload(),
            draft.options(),
            WorkflowJobIds.of(workflow, id),
            draft.priority(),
            null,
            draft.group());
    List<StoredStep.Dependency> deps =
        Arrays.stream(after)
            .map(dep -> new StoredStep.Dependency(dep, DependencyFailure.FAIL))
            .toList();
    return new StoredStep(id, queue, job, deps, false);
  }

  /**
   * Stores root -> child under {@code workflow}, the child in queue {@link #OTHER} (whose steps an
   * acknowledgement in {@link #QUEUE} leaves to the worker), with the root's job leased by {@link
   * #LEASE}.
   */
  private LeasedJob rootLeased(String workflow) {
    return rootLeased(workflow, step(workflow, "child", OTHER, "root"));
  }

  private LeasedJob rootLeased(String workflow, StoredStep child) {
    StoredStep root = step(workflow, "root", QUEUE);
    store.create(workflow, List.of(root, child));
    new WorkflowDriver(queues, store).releaseRoots(workflow, List.of(root));
    List<LeasedJob> jobs = queues.fetch(QUEUE, LEASE, 10).jobs();
    assertThat(jobs).extracting(LeasedJob::id).containsExactly(WorkflowJobIds.of(workflow, "root"));
    return jobs.get(0);
  }

  private WorkflowStepState state(String workflow, String step) {
    return store.step(workflow, step).orElseThrow().state();
  }

  private static Ack.Complete completed(LeasedJob job, String result) {
    return new Ack.Complete(job.id(), result, Retention.keepAll());
  }

  @Test
  void shouldSettleTheStepInTheAcknowledgementAndFinishAReleaseThatAProcessLeftUndone() {
    // A handler that adds nothing: the process died right after the acknowledgement.
    assertThat(queues.settleStepsOnAcknowledge(handedOn::add)).isTrue();
    LeasedJob root = rootLeased("crash");

    Fetched fetched =
        queues.acknowledgeAndFetch(QUEUE, LEASE, List.of(completed(root, "42")), 10).join();

    assertThat(fetched.refused()).isEmpty();
    assertThat(queues.admin().counts(OTHER).waiting())
        .as("the child is not in its queue yet")
        .isZero();
    assertThat(handedOn)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.workflowId()).isEqualTo("crash");
              assertThat(s.settled().released())
                  .extracting(StoredStep::id)
                  .containsExactly("child");
              assertThat(s.settled().more()).isFalse();
            });
    assertThat(state("crash", "root")).isEqualTo(WorkflowStepState.COMPLETED);
    assertThat(store.results("crash", List.of("root"))).isEqualTo(Map.of("root", "42"));
    assertThat(state("crash", "child")).isEqualTo(WorkflowStepState.READY);
    Instant later = Instant.now().plus(Duration.ofMinutes(1));
    assertThat(store.unreleased(later, 10)).singleElement().asString().startsWith("crash:");

    Clock aMinuteOn = Clock.fixed(later, ZoneOffset.UTC);
    WorkflowSweeper.of(queues, aMinuteOn, Duration.ofDays(1)).orElseThrow().sweep();

    assertThat(state("crash", "child")).isEqualTo(WorkflowStepState.ENQUEUED);
    assertThat(store.unreleased(later, 10)).isEmpty();
    assertThat(queues.fetch(OTHER, LEASE, 10).jobs())
        .extracting(LeasedJob::id)
        .containsExactly(WorkflowJobIds.of("crash", "child"));
  }

  @Test
  void shouldLeaveAStepWhoseFieldsAreNotAsciiToTheWorker() {
    assertThat(queues.settleStepsOnAcknowledge(handedOn::add)).isTrue();
    JobDraft child = new JobDraft("résumé", "{}", null, null, 0, null);
    LeasedJob root = rootLeased("accents", step("accents", "child", QUEUE, child, "root"));

    assertLeftToTheWorker(root, WorkflowJobIds.of("accents", "child"));
    assertThat(state("accents", "child")).isEqualTo(WorkflowStepState.READY);
  }

  @Test
  void shouldLeaveAStepStoredAsJsonByAnEarlierVersionToTheWorker() {
    assertThat(queues.settleStepsOnAcknowledge(handedOn::add)).isTrue();
    String childJob = WorkflowJobIds.of("older", "child");
    LeasedJob root = rootLeased("older", step("older", "child", QUEUE, "root"));
    // The child as versions before the compact spec wrote it.
    redis
        .commands()
        .hset(
            prefix + ":wf:{older}:spec",
            "child",
            "{\"id\":\"child\",\"queue\":\""
                + QUEUE
                + "\",\"name\":\"work\",\"payload\":\"{}\",\"options\":null,\"jobId\":\""
                + childJob
                + "\",\"priority\":0,\"group\":null,\"callback\":false,"
                + "\"deps\":[[\"root\",\"f\"]]}");

    assertLeftToTheWorker(root, childJob);
  }

  /**
   * Acknowledges the root's job and checks that its dependent, though of the same queue, was handed
   * to the worker to add, not added by the script.
   */
  private void assertLeftToTheWorker(LeasedJob root, String childJob) {
    Fetched fetched =
        queues.acknowledgeAndFetch(QUEUE, LEASE, List.of(completed(root, "")), 10).join();

    assertThat(fetched.jobs()).isEmpty();
    assertThat(handedOn)
        .singleElement()
        .satisfies(
            s ->
                assertThat(s.settled().released())
                    .extracting(step -> step.job().jobId())
                    .containsExactly(childJob));
  }
}
