package dev.errand.tck.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.errand.queue.JobContext;
import dev.errand.queue.JobEvent;
import dev.errand.queue.JobInfo;
import dev.errand.queue.JobOptions;
import dev.errand.queue.JobState;
import dev.errand.queue.UnrecoverableJobException;
import dev.errand.queue.spi.JobInterceptor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * What a job carries besides its payload, and the code around its add and its runs: metadata stored
 * with the job and handed to its handler, and interceptors. Subclass it with {@link
 * #createBackend()}.
 */
public abstract class QueueContextContract extends QueueContract {

  /** Where the interceptors below note what they saw, in order. */
  static final ConcurrentLinkedQueue<String> TRACE = new ConcurrentLinkedQueue<>();

  /** The tenant the caller acts for, as a request filter would hold it. */
  static final ThreadLocal<String> CURRENT_TENANT = new ThreadLocal<>();

  /** Tenants that no longer exist. */
  static final Set<String> GONE = Set.of("t-gone");

  /** Copies the caller's tenant into each job and refuses runs of tenants that are gone. */
  static final class TenantScope implements JobInterceptor {
    @Override
    public JobOptions onAdd(String queue, String name, JobOptions options) {
      String tenant = CURRENT_TENANT.get();
      return tenant == null ? options : options.toBuilder().metadata("tenant", tenant).build();
    }

    @Override
    public void beforeRun(JobContext job) {
      String tenant = job.metadata().get("tenant");
      TRACE.add("scope.before " + tenant);
      if (GONE.contains(tenant)) {
        throw new UnrecoverableJobException("tenant " + tenant + " no longer exists");
      }
    }

    @Override
    public void onFailure(JobContext job, Throwable error) {
      TRACE.add("scope.failure " + error.getMessage());
    }
  }

  /** Notes each hook; runs before {@link TenantScope} by its order. */
  static final class Timing implements JobInterceptor {
    @Override
    public void beforeRun(JobContext job) {
      TRACE.add("timing.before");
    }

    @Override
    public void afterRun(JobContext job, Object result) {
      TRACE.add("timing.after " + result);
    }

    @Override
    public void onFailure(JobContext job, Throwable error) {
      TRACE.add("timing.failure " + error.getClass().getSimpleName());
    }

    @Override
    public int order() {
      return -1;
    }
  }

  /** Throws before the first attempt of each job. */
  static final class FlakyCheck implements JobInterceptor {
    @Override
    public void beforeRun(JobContext job) {
      if (job.attempt() == 1) {
        throw new IllegalStateException("check service unreachable");
      }
    }
  }

  private QueueApp startWith(JobInterceptor... interceptors) {
    TRACE.clear();
    return start(
        Map.of(),
        adapter -> {
          for (JobInterceptor interceptor : interceptors) {
            adapter.withInterceptor(interceptor);
          }
        });
  }

  @Test
  void shouldStoreMetadataWithTheJobAndHandItToEachRun() {
    QueueApp app = start();
    Map<String, String> metadata = Map.of("tenant", "t-1", "request-id", "req-42");
    String id =
        app.add(
            Work.failingUntil("meta", 2),
            JobOptions.builder().metadata(metadata).attempts(2).build());

    JobInfo done = app.awaitState(id, JobState.COMPLETED);
    assertThat(app.recorder().runsOf("meta")).hasSize(2);
    assertThat(app.recorder().metadata.get(id)).isEqualTo(metadata);
    assertThat(done.metadata()).isEqualTo(metadata);
  }

  @Test
  void shouldHandAJobWithoutMetadataAnEmptyMap() {
    QueueApp app = start();
    String id = app.add(Work.plain("bare"));

    JobInfo done = app.awaitState(id, JobState.COMPLETED);
    assertThat(app.recorder().metadata.get(id)).isEmpty();
    assertThat(done.metadata()).isEmpty();
  }

  @Test
  void shouldCopyTheCallersContextIntoMetadataOnAdd() {
    QueueApp app = startWith(new TenantScope());
    CURRENT_TENANT.set("t-7");
    String id;
    try {
      id = app.add(Work.plain("scoped"));
    } finally {
      CURRENT_TENANT.remove();
    }

    app.awaitState(id, JobState.COMPLETED);
    assertThat(app.recorder().metadata.get(id)).containsEntry("tenant", "t-7");
    assertThat(TRACE).contains("scope.before t-7");
  }

  @Test
  void shouldRunInterceptorsInOrderAroundTheHandler() {
    QueueApp app = startWith(new TenantScope(), new Timing());
    String id =
        app.add(Work.plain("ordered"), JobOptions.builder().metadata("tenant", "t-1").build());

    app.awaitState(id, JobState.COMPLETED);
    await().atMost(Duration.ofSeconds(5)).until(() -> List.copyOf(TRACE).size() == 3);
    assertThat(TRACE)
        .containsExactly("timing.before", "scope.before t-1", "timing.after done-ordered");
  }

  @Test
  void shouldFailTheJobForGoodWhenAnInterceptorRefusesIt() {
    QueueApp app = startWith(new TenantScope());
    String id =
        app.add(
            Work.plain("gone"),
            JobOptions.builder().metadata("tenant", "t-gone").attempts(3).build());

    JobInfo failed = app.awaitState(id, JobState.FAILED);
    assertThat(failed.attemptsMade()).isEqualTo(1);
    assertThat(app.recorder().runsOf("gone")).isEmpty();
    assertThat(failed.failure().message())
        .contains(TenantScope.class.getName())
        .contains("tenant t-gone no longer exists");
  }

  @Test
  void shouldRetryARunWhoseInterceptorFailedNamingIt() {
    QueueApp app = startWith(new FlakyCheck());
    String id = app.add(Work.plain("flaky"), JobOptions.builder().attempts(2).build());

    app.awaitState(id, JobState.COMPLETED);
    assertThat(app.recorder().runsOf("flaky")).extracting(Recorder.Run::attempt).containsExactly(2);
    JobEvent retrying =
        heard.stream().filter(e -> e.type() == JobEvent.Type.RETRYING).findFirst().orElseThrow();
    assertThat(retrying.failure().message())
        .contains(FlakyCheck.class.getName())
        .contains("check service unreachable");
  }

  @Test
  void shouldTellInterceptorsTheHandlersFailure() {
    QueueApp app = startWith(new TenantScope());
    String id =
        app.add(
            Work.unrecoverable("broken"), JobOptions.builder().metadata("tenant", "t-1").build());

    app.awaitState(id, JobState.FAILED);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> TRACE.contains("scope.failure cannot ever work: broken"));
  }

  @Test
  void shouldTellInterceptorsOfARunThatReturnedAfterItsTimeoutThatItFailed() {
    QueueApp app = startWith(new Timing());
    // Ignores its interruption and returns well after its 150 ms.
    String id =
        app.add(
            Work.stubborn("late", 600),
            JobOptions.builder().timeout(Duration.ofMillis(150)).attempts(1).build());

    app.awaitState(id, JobState.DEAD);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> TRACE.contains("timing.failure TimeoutException"));
    assertThat(TRACE).noneMatch(line -> line.startsWith("timing.after"));
  }

  @Test
  void shouldTakeInterceptorsFromAGuiceMultibinder() {
    TRACE.clear();
    QueueApp app =
        start(
            Map.of(),
            adapter -> {},
            new AbstractModule() {
              @Override
              protected void configure() {
                Multibinder.newSetBinder(binder(), JobInterceptor.class)
                    .addBinding()
                    .to(Timing.class);
              }
            });
    String id = app.add(Work.plain("bound"));

    app.awaitState(id, JobState.COMPLETED);
    await().atMost(Duration.ofSeconds(5)).until(() -> TRACE.contains("timing.after done-bound"));
    assertThat(TRACE).startsWith("timing.before");
  }
}
