package dev.errand.queue.internal.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.errand.core.ErrandRedis;
import dev.errand.core.RedisSettings;
import dev.errand.queue.JobState;
import dev.errand.queue.Retention;
import dev.errand.queue.WorkflowStepState;
import dev.errand.queue.internal.redis.RedisBackend;
import dev.errand.queue.spi.Ack;
import dev.errand.queue.spi.Fetched;
import dev.errand.queue.spi.JobDraft;
import dev.errand.queue.spi.Lease;
import dev.errand.queue.spi.LeasedJob;
import dev.errand.queue.spi.QueueBackend;
import dev.errand.queue.spi.StoredStep;
import dev.errand.queue.spi.WorkflowJobIds;
import dev.errand.queue.spi.WorkflowStore;
import dev.errand.testsupport.TestServers;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A step's settle (a fan-out releasing a thousand dependents takes several store calls and queue
 * adds) holds up only its own acknowledgement: the worker's other acknowledgements go on meanwhile,
 * and the step's job is acknowledged once its workflow recorded the outcome, not before.
 */
class SlowSettleTest {

  private static final String QUEUE = "slow-settle";

  private final ErrandRedis redis = new ErrandRedis(RedisSettings.of(TestServers.redisUrl()));
  private final RedisBackend queues =
      new RedisBackend(redis, TestServers.unique("errand-slowsettle"), Clock.systemUTC());
  private final CountDownLatch settleMayGo = new CountDownLatch(1);

  @AfterEach
  void close() {
    settleMayGo.countDown();
    queues.close();
    redis.close();
  }

  /** The Redis store, whose settle calls wait until the test lets them go. */
  private WorkflowStore heldBack(WorkflowStore store) {
    return (WorkflowStore)
        Proxy.newProxyInstance(
            WorkflowStore.class.getClassLoader(),
            new Class<?>[] {WorkflowStore.class},
            (proxy, method, args) -> {
              if (method.getName().equals("settle")) {
                settleMayGo.await();
              }
              try {
                return method.invoke(store, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @Test
  void shouldAcknowledgeOtherJobsWhileAStepIsBeingSettled() {
    WorkflowStore store = heldBack(queues.workflowStore());
    QueueBackend backend =
        new WorkflowBackend(queues, WorkflowsOnly.keepingWorkflowsIn(store), Clock.systemUTC());
    String stepJob = WorkflowJobIds.of("w", "step");
    JobDraft step = new JobDraft("work", "{}", null, stepJob, 0, null);
    store.create("w", List.of(new StoredStep("step", QUEUE, step, List.of(), false)));
    backend.add(QUEUE, List.of(step, new JobDraft("work", "{}", null, "plain", 0, null)));
    Lease lease = new Lease("token", Duration.ofSeconds(30), 2);
    List<LeasedJob> jobs = backend.fetch(QUEUE, lease, 2).jobs();
    assertThat(jobs).hasSize(2);

    // The caller (a worker's acknowledger) gets its answer to come without waiting for the settle.
    CompletableFuture<Fetched> stepAcked =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10),
            () -> backend.acknowledgeAndFetch(QUEUE, lease, List.of(done(stepJob)), 0));
    backend.acknowledgeAndFetch(QUEUE, lease, List.of(done("plain")), 0).join();

    assertThat(state("plain")).isEqualTo(JobState.COMPLETED);
    assertThat(stepAcked).isNotDone();
    assertThat(state(stepJob)).isEqualTo(JobState.ACTIVE);

    settleMayGo.countDown();
    stepAcked.join();
    assertThat(state(stepJob)).isEqualTo(JobState.COMPLETED);
    assertThat(queues.workflowStore().states("w", List.of("step")))
        .containsEntry("step", WorkflowStepState.COMPLETED);
  }

  private static Ack done(String id) {
    return new Ack.Complete(id, "\"ok\"", Retention.keepAll());
  }

  private JobState state(String id) {
    return queues.admin().job(QUEUE, id).orElseThrow().state();
  }
}
