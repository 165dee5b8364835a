package dev.errand.tck.schedules;

import dev.errand.cron.spi.PendingTick;
import dev.errand.cron.spi.ScheduleStore;
import dev.errand.testsupport.TestServers;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the store suites share: a store per test, and schedule ids under a tenant prefix of the
 * test's own, since the storage may hold other tests' schedules. Subclass a suite with {@link
 * #createStore()}.
 */
public abstract class ScheduleStoreFixture {

  /** The test's store. */
  protected ScheduleStore store;

  /** The prefix of the test's schedule ids. */
  protected String tenant;

  /**
   * A store over the storage of this test: every call within a test must reach the same schedules,
   * as the stores of an application's instances do, and no other test may see them. A store that
   * holds its state in the process may return the same instance each time.
   */
  protected abstract ScheduleStore createStore();

  @BeforeEach
  void prepareStore() {
    store = createStore();
    tenant = TestServers.unique("tenant") + ":";
  }

  /** The id of the test's schedule {@code name}. */
  protected String id(String name) {
    return tenant + name;
  }

  /** Of the pending ticks taken over, this test's: the storage may hold other tests' too. */
  protected List<PendingTick> taken(ScheduleStore taker, Instant now, Instant leaseUntil) {
    return taker.takeOver(now, leaseUntil, 100).stream()
        .filter(tick -> tick.id().startsWith(tenant))
        .toList();
  }
}
