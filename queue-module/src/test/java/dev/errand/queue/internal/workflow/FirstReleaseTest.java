package dev.errand.queue.internal.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.core.ErrandRedis;
import dev.errand.core.RedisSettings;
import dev.errand.queue.DependencyFailure;
import dev.errand.queue.internal.redis.RedisBackend;
import dev.errand.queue.spi.JobDraft;
import dev.errand.queue.spi.Settled;
import dev.errand.queue.spi.StepOutcome;
import dev.errand.queue.spi.StoredStep;
import dev.errand.queue.spi.WorkflowJobIds;
import dev.errand.queue.spi.WorkflowStore;
import dev.errand.testsupport.TestServers;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A step with a thousand dependents releases about a hundred in its first, short settle call, so
 * workers start on them while the rest is passed on 500 a call; every dependent reaches its queue.
 */
class FirstReleaseTest {

  private static final String QUEUE = "first-release";

  private final ErrandRedis redis = new ErrandRedis(RedisSettings.of(TestServers.redisUrl()));
  private final RedisBackend queues =
      new RedisBackend(redis, TestServers.unique("errand-firstrelease"), Clock.systemUTC());
  private final List<Integer> budgets = new CopyOnWriteArrayList<>();
  private final List<Integer> released = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    queues.close();
    redis.close();
  }

  /** The Redis store, noting each settle call's budget and how many steps it released. */
  private WorkflowStore noted(WorkflowStore store) {
    return (WorkflowStore)
        Proxy.newProxyInstance(
            WorkflowStore.class.getClassLoader(),
            new Class<?>[] {WorkflowStore.class},
            (proxy, method, args) -> {
              try {
                Object result = method.invoke(store, args);
                if (result instanceof Settled settled) {
                  budgets.add((Integer) args[2]);
                  released.add(settled.released().size());
                }
                return result;
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  private static StoredStep step(String id, List<StoredStep.Dependency> deps) {
    JobDraft job = new JobDraft("work", "{}", null, WorkflowJobIds.of("fan", id), 0, null);
    return new StoredStep(id, QUEUE, job, deps, false);
  }

  @Test
  void shouldReleaseTheFirstHundredDependentsInAShortFirstCall() {
    WorkflowStore store = noted(queues.workflowStore());
    List<StoredStep> steps = new ArrayList<>();
    steps.add(step("root", List.of()));
    for (int i = 0; i < 1000; i++) {
      steps.add(step("m" + i, List.of(new StoredStep.Dependency("root", DependencyFailure.FAIL))));
    }
    store.create("fan", steps);

    new WorkflowDriver(queues, store)
        .settle("fan", Map.of("root", new StepOutcome.Completed(null)));

    assertThat(budgets).containsExactly(102, 500, 500);
    assertThat(released.get(0)).isBetween(90, 102);
    assertThat(released.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1000);
    assertThat(queues.admin().counts(QUEUE).waiting()).isEqualTo(1000);
  }
}
