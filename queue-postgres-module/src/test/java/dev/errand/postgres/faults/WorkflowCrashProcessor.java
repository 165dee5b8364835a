package dev.errand.postgres.faults;

import com.google.inject.Inject;
import dev.errand.queue.Job;
import dev.errand.queue.JobContext;
import dev.errand.queue.JobType;
import dev.errand.queue.Process;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The steps of the workflow crash test: each run is a row of {@code wfcrash_run}, whichever JVM
 * makes it, with how many dependency results it saw; in the doomed child JVM the step named by
 * {@code -Derrand.crash.hangAt} hangs after its row until the test kills the JVM.
 */
@Job("wfcrash")
public final class WorkflowCrashProcessor {

  public record Step(String name) {}

  public static final JobType<Step> STEP = JobType.of("wfcrash", "step", Step.class);

  private final DataSource database;

  @Inject
  WorkflowCrashProcessor(DataSource database) {
    this.database = database;
  }

  @Process("step")
  void step(Step step, JobContext job) throws SQLException, InterruptedException {
    int results = job.dependencies().results(String.class).size();
    try (Connection c = database.getConnection();
        PreparedStatement insert =
            c.prepareStatement("INSERT INTO wfcrash_run (step, results) VALUES (?, ?)")) {
      insert.setString(1, step.name());
      insert.setInt(2, results);
      insert.executeUpdate();
    }
    if (step.name().equals(System.getProperty("errand.crash.hangAt"))) {
      Thread.sleep(Long.MAX_VALUE);
    }
  }
}
