package dev.errand.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.postgres.TestPostgres;
import dev.errand.queue.JobState;
import dev.errand.queue.spi.JobDraft;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The statements a worker runs for every fetch, acknowledgement and add read the job table through
 * an index, never a scan of it, over a table that holds many jobs of many queues in every state.
 * Plans are taken as reused prepared statements get them (generic plans, parameters unknown).
 */
class HotPathPlanTest {

  private static final String QUEUE = "mail";

  @RegisterExtension final TestPostgres postgres = new TestPostgres();
  private final Tables tables = new Tables("errand_");
  private PostgresBackend backend;

  @BeforeEach
  void fillTheTable() throws SQLException {
    backend = postgres.backend();
    for (String queue : List.of(QUEUE, "reports", "billing", "audit")) {
      List<JobDraft> drafts = new ArrayList<>();
      for (int i = 0; i < 5000; i++) {
        drafts.add(new JobDraft("job", "{\"i\":" + i + "}", null, null, i % 3, null));
      }
      backend.add(queue, drafts);
    }
    try (Connection c = postgres.dataSource(1).getConnection();
        Statement statement = c.createStatement()) {
      // Most jobs finished, some delayed or running, as in a table that has served a while.
      statement.execute(
          tables.sql(
              "UPDATE {job} SET state = CASE seq % 10 WHEN 0 THEN 'delayed' WHEN 1 THEN 'active'"
                  + " WHEN 2 THEN 'waiting' WHEN 3 THEN 'failed' ELSE 'completed' END,"
                  + " due_at = seq, finished_at = seq"));
      statement.execute(tables.sql("ANALYZE {job}"));
    }
    backend.close();
  }

  @Test
  void shouldReadTheJobTableThroughItsIndexesOnTheHotPath() throws SQLException {
    Object[] noFilter = {QUEUE, 10, "token", 1L, 2L, QUEUE};
    assertIndexed(
        PgFetch.lease(PgFetch.pickWaiting(PgFetch.NOT_PAUSED)),
        QUEUE,
        QUEUE,
        10,
        "token",
        1L,
        2L,
        QUEUE);
    assertIndexed(PgFetch.lease(PgFetch.pickWaiting("")), noFilter);
    assertIndexed(PgFetch.PROMOTE_DUE, QUEUE, QUEUE, 1_000L);
    assertIndexed(PgStalls.EXPIRED, QUEUE, 1_000L);
    assertIndexed(PgStalls.PROMOTE_AND_FIND_EXPIRED, QUEUE, QUEUE, 1_000L, QUEUE, 1_000L);
    assertIndexed(PgFetch.NEXT_DUE, QUEUE, QUEUE);
    assertIndexed(PgIdle.REGISTER_AND_NEXT_DUE, QUEUE, 1L, 1L, QUEUE, QUEUE, QUEUE);
    assertIndexed(
        PgAcks.COMPLETE,
        1L,
        new String[] {"1", "2"},
        new String[] {null, null},
        new String[] {"{\"s\":1,\"d\":2,\"w\":\"h/1\"}", null},
        new Integer[] {12, null},
        QUEUE,
        "token",
        QUEUE,
        60_000L,
        3);
    assertIndexed(
        PgRetention.deleteSql(PgRetention.beyondSql(JobState.COMPLETED)), QUEUE, QUEUE, 1000L);
    assertIndexed(
        PgRetention.deleteSql(PgRetention.olderThanSql(JobState.COMPLETED)), QUEUE, QUEUE, 1000L);
  }

  private void assertIndexed(String sql, Object... values) throws SQLException {
    String text = Plans.explain(postgres.dataSource(1), tables, sql, values);
    assertThat(text).as(sql + "\n" + text).doesNotContain("Seq Scan on errand_job");
    assertThat(text).as(sql + "\n" + text).contains("Index");
  }
}
