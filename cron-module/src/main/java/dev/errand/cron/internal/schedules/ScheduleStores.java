package dev.errand.cron.internal.schedules;

import com.google.inject.Injector;
import com.google.inject.Key;
import dev.errand.core.ErrandRedis;
import dev.errand.cron.CronSettings;
import dev.errand.cron.spi.ScheduleStore;
import dev.errand.queue.QueueSettings;
import javax.sql.DataSource;

/**
 * Which {@link ScheduleStore} an application gets: schedules live where the queue's jobs do, so
 * they are shared by every instance exactly when the jobs are.
 */
public final class ScheduleStores {

  private ScheduleStores() {}

  /**
   * Redis with the Redis queue (under {@code CRON_REDIS_PREFIX}), a table beside the queue's (same
   * {@code JOBS_TABLE_PREFIX}, made here) with the PostgreSQL queue, else memory.
   */
  public static ScheduleStore choose(Injector injector, CronSettings settings) {
    var binding = injector.getExistingBinding(Key.get(QueueSettings.class));
    QueueSettings queue = binding == null ? null : binding.getProvider().get();
    QueueSettings.Backend backend = queue == null ? null : queue.backend();
    if (backend == QueueSettings.Backend.REDIS) {
      return new RedisScheduleStore(
          injector.getInstance(ErrandRedis.class), settings.redisPrefix());
    }
    if (backend == QueueSettings.Backend.POSTGRES) {
      PostgresScheduleStore store =
          new PostgresScheduleStore(
              injector.getInstance(DataSource.class),
              queue.source().string("JOBS_TABLE_PREFIX", "errand_"));
      store.prepare();
      return store;
    }
    return new MemoryScheduleStore();
  }
}
