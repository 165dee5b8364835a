package dev.errand.queue.faults;

import dev.errand.core.ErrandApp;
import dev.errand.core.Settings;
import dev.errand.queue.QueueAdapter;
import dev.errand.queue.QueueSettings;

/**
 * A worker process for the workflow crash tests: runs the {@code wfcrash} queue and hangs at one
 * step until the test kills it with SIGKILL. Arguments: the Redis URL, the key prefix, the step to
 * hang at.
 */
public final class WorkflowChildWorker {

  private WorkflowChildWorker() {}

  public static void main(String[] args) throws InterruptedException {
    Settings settings = ChildWorker.CrashSettings.of(args[0], args[1], "true");
    ErrandApp.builder()
        .settings(settings)
        .modules(
            binder ->
                binder
                    .bind(WorkflowCrashProcessor.Mode.class)
                    .toInstance(new WorkflowCrashProcessor.Mode(args[1], args[2])))
        .adapters(
            new QueueAdapter(QueueSettings.from(settings))
                .withClasses(WorkflowCrashProcessor.class))
        .start();
    Thread.currentThread().join();
  }
}
