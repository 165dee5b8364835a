package dev.errand.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.postgres.TestPostgres;
import dev.errand.queue.DependencyFailure;
import dev.errand.queue.spi.JobDraft;
import dev.errand.queue.spi.StoredStep;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The dependents a settle reads ahead for many steps in one statement are those it would read one
 * step at a time: whole where the statement's total did not cut them, read again where it did.
 */
class PgDependentsTest {

  @RegisterExtension final TestPostgres postgres = new TestPostgres();
  private final Tables tables = new Tables("errand_");
  private DataSource dataSource;

  /** Steps a, b and c with three dependents each, and d with none. */
  @BeforeEach
  void store() {
    List<StoredStep> steps = new ArrayList<>();
    for (String from : List.of("a", "b", "c", "d")) {
      steps.add(step(from, List.of()));
    }
    for (String from : List.of("a", "b", "c")) {
      for (int i = 1; i <= 3; i++) {
        steps.add(step(from + i, List.of(new StoredStep.Dependency(from, DependencyFailure.FAIL))));
      }
    }
    PostgresBackend backend = postgres.backend();
    backend.workflowStore().create("w", steps);
    backend.close();
    dataSource = postgres.dataSource(1);
  }

  private static StoredStep step(String id, List<StoredStep.Dependency> deps) {
    return new StoredStep(
        id, "work", new JobDraft("run", "{}", null, "wf:w:" + id, 0, null), deps, false);
  }

  private static List<String> targets(List<PgSettleRows.Edge> edges) {
    return edges.stream().map(PgSettleRows.Edge::to).toList();
  }

  @Test
  void shouldGiveWhatOneStepAtATimeGivesWhereTheTotalCutsAStepShort() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      PgDependents ahead = new PgDependents(c, tables, "w");
      // Five in all: a's three, then two of b's; c and d are not reached.
      ahead.readAhead(List.of("a", "b", "c", "d"), 5);

      assertThat(targets(ahead.of("a", 0, 5))).containsExactly("a1", "a2", "a3");
      assertThat(targets(ahead.of("b", 0, 5))).containsExactly("b1", "b2", "b3");
      assertThat(targets(ahead.of("c", 0, 2))).containsExactly("c1", "c2");
      assertThat(ahead.of("d", 0, 5)).isEmpty();
      // Part way through a step, from where it stopped.
      assertThat(targets(ahead.of("c", 2, 5))).containsExactly("c3");
    }
  }

  @Test
  void shouldKeepEachStepsDependentsWholeWhenTheTotalCutsNone() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      PgDependents ahead = new PgDependents(c, tables, "w");
      ahead.readAhead(List.of("d", "c", "a"), 10);
      // Read ahead once: the rows go once the step's turn took them, and a change in between
      // would show on a second read.
      try (var statement = c.createStatement()) {
        statement.execute(tables.sql("DELETE FROM {wf_edge} WHERE workflow_id = 'w'"));
      }

      assertThat(ahead.of("d", 0, 10)).isEmpty();
      assertThat(targets(ahead.of("c", 0, 2))).containsExactly("c1", "c2");
      assertThat(targets(ahead.of("a", 0, 10))).containsExactly("a1", "a2", "a3");
      assertThat(ahead.of("a", 0, 10)).isEmpty();
    }
  }
}
