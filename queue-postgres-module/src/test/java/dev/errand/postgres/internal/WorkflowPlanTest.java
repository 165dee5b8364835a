package dev.errand.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.postgres.TestPostgres;
import dev.errand.queue.DependencyFailure;
import dev.errand.queue.spi.JobDraft;
import dev.errand.queue.spi.StoredStep;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each statement a workflow call runs reads the workflow tables through their indexes, never a
 * scan, over tables that hold 200 workflows of 101 steps each (a fan-out and fan-in) and 20,000
 * small ones: a call's cost does not grow with the number of workflows stored.
 */
class WorkflowPlanTest {

  private static final String WF = "wf-7";

  @RegisterExtension final TestPostgres postgres = new TestPostgres();
  private final Tables tables = new Tables("errand_");
  private DataSource dataSource;

  @BeforeEach
  void fill() throws SQLException {
    PostgresBackend backend = postgres.backend();
    for (int w = 0; w < 200; w++) {
      backend.workflowStore().create("wf-" + w, fanOutAndIn(100));
      backend.workflowStore().releasing("wf-" + w, java.time.Instant.ofEpochMilli(w));
    }
    backend.close();
    dataSource = postgres.dataSource(1);
    try (Connection c = dataSource.getConnection();
        Statement statement = c.createStatement()) {
      // Many more small workflows (a root and four steps after it), written directly.
      statement.execute(
          tables.sql(
              "INSERT INTO {workflow} (id) SELECT 'bulk-' || w FROM generate_series(1, 20000) w"));
      statement.execute(
          tables.sql(
              "INSERT INTO {wf_step} (workflow_id, step_id, position, queue, name, payload,"
                  + " job_id, priority, state, waiting) SELECT 'bulk-' || w, 's' || s, s, 'work',"
                  + " 'run', '{}', 'wf:bulk-' || w || ':s' || s, 0,"
                  + " CASE WHEN s = 0 THEN 'COMPLETED' ELSE 'WAITING_ON_DEPENDENCIES' END,"
                  + " CASE WHEN s = 0 THEN 0 ELSE 1 END"
                  + " FROM generate_series(1, 20000) w, generate_series(0, 4) s"));
      statement.execute(
          tables.sql(
              "INSERT INTO {wf_edge} (workflow_id, from_step, position, to_step, dep_position,"
                  + " policy) SELECT 'bulk-' || w, 's0', s - 1, 's' || s, 0, 'FAIL'"
                  + " FROM generate_series(1, 20000) w, generate_series(1, 4) s"));
      statement.execute(
          tables.sql(
              "INSERT INTO {wf_release} (workflow_id, since)"
                  + " SELECT 'bulk-' || w, 1000000 + w FROM generate_series(1, 20000) w"));
      for (String table : List.of("{workflow}", "{wf_step}", "{wf_edge}", "{wf_release}")) {
        statement.execute(tables.sql("ANALYZE " + table));
      }
    }
  }

  private static List<StoredStep> fanOutAndIn(int width) {
    List<StoredStep> steps = new ArrayList<>();
    steps.add(step("root", List.of()));
    List<StoredStep.Dependency> all = new ArrayList<>();
    for (int i = 0; i < width; i++) {
      steps.add(
          step("part-" + i, List.of(new StoredStep.Dependency("root", DependencyFailure.FAIL))));
      all.add(new StoredStep.Dependency("part-" + i, DependencyFailure.FAIL));
    }
    steps.add(step("gather", all));
    return steps;
  }

  private static StoredStep step(String id, List<StoredStep.Dependency> deps) {
    return new StoredStep(
        id, "work", new JobDraft("run", "{}", null, "wf:x:" + id, 0, null), deps, false);
  }

  @Test
  void shouldReadTheWorkflowTablesThroughTheirIndexes() throws SQLException {
    String[] two = {"part-1", "part-2"};
    assertIndexed(PgWorkflowStore.LOCK, WF);
    assertIndexed(PgSettleRows.TODO, WF);
    assertIndexed(PgSettleRows.LOAD, WF, two);
    assertIndexed(PgDependents.ONE, WF, "root", 0, 501);
    assertIndexed(PgDependents.AHEAD, two, WF, 501, 501);
    assertIndexed(PgSettleRows.FAIL_DEPENDENCIES, WF, "gather");
    assertIndexed(
        PgSettleRows.WRITE_STEPS,
        two,
        new String[] {"READY", "READY"},
        new Integer[] {0, 0},
        new String[] {null, null},
        new String[] {null, null},
        new Boolean[] {false, false},
        WF);
    assertIndexed(PgSettleRows.WRITE_EDGES, new String[] {"root"}, new Integer[] {3}, WF);
    assertIndexed(PgWorkflowStore.ENQUEUED, WF, two);
    assertIndexed(PgWorkflowRows.select("step_id = ANY (?)"), WF, two);
    assertIndexed(PgWorkflowRows.select("state = 'READY'"), WF);
    assertIndexed(PgWorkflowRows.DEPENDENCIES, WF, two);
    assertIndexed(PgWorkflowReads.UNRELEASED, 100L, 10);
    assertIndexed(PgWorkflowReads.LIST, 0, 20);
  }

  private void assertIndexed(String sql, Object... values) throws SQLException {
    String text = Plans.explain(dataSource, tables, sql, values);
    assertThat(text).as(sql + "\n" + text).doesNotContain("Seq Scan on errand_workflow");
    assertThat(text).as(sql + "\n" + text).contains("Index");
  }
}
