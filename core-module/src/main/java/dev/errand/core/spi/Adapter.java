package dev.errand.core.spi;

import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import dev.errand.core.Health;
import dev.errand.core.Settings;
import java.util.Set;

/**
 * One layer of an Errand application: the database, the mailer, the queue, cron, the dashboard.
 *
 * <p>An adapter contributes a Guice module, declares which bindings it {@link #provides()} and
 * which it {@link #requires()}, and has {@link #start} and {@link #stop} hooks. {@code ErrandApp}
 * checks before anything starts that every requirement is provided by a user module or by an
 * adapter listed earlier, starts adapters in list order, calls {@link #ready} on each once all have
 * started, and stops them in reverse order.
 *
 * <pre>{@code
 * final class AuditAdapter implements Adapter {
 *   public String name() { return "AuditAdapter"; }
 *   public Module module() { return binder -> binder.bind(AuditLog.class).to(JdbcAuditLog.class); }
 *   public Set<Key<?>> provides() { return Set.of(Key.get(AuditLog.class)); }
 *   public Set<Key<?>> requires() { return Set.of(Key.get(DataSource.class)); }
 * }
 * }</pre>
 */
public interface Adapter {

  /** A name unique within the application; it appears in every error and health report. */
  String name();

  /**
   * Called first, once, when an application is built with this adapter, with the application's
   * settings ({@code ErrandApp.builder().settings(..)}, the environment by default). An adapter
   * built without settings of its own reads them from these; settings given to its constructor win.
   * From then on the adapter is part of that application and refuses changes to its options ({@link
   * AdapterSetup} does both).
   */
  default void attach(Settings settings) {}

  /** The bindings this adapter adds to the application's injector. */
  Module module();

  /** The keys this adapter's module binds that later adapters may require. */
  default Set<Key<?>> provides() {
    return Set.of();
  }

  /** The keys this adapter needs from a user module or an earlier adapter. */
  default Set<Key<?>> requires() {
    return Set.of();
  }

  /**
   * The keys this adapter's components inject without strictly requiring them from an adapter (the
   * constructor parameters of scanned processor classes, for instance). When an adapter provides
   * one of them, that adapter must be listed earlier; keys nobody provides are left for Guice to
   * build just in time.
   */
  default Set<Key<?>> uses() {
    return Set.of();
  }

  /**
   * Brings the layer up: opens pools, runs migrations, starts workers. Called in list order after
   * the injector is built. An exception aborts the application's start.
   */
  default void start(Injector injector) throws Exception {}

  /**
   * Called once every adapter has started, in list order. Work that must not begin until the whole
   * application is up (firing cron schedules, for one) begins here.
   */
  default void ready(Injector injector) throws Exception {}

  /**
   * Releases what {@link #start} acquired. Called at most once, in reverse list order; also called
   * when this adapter's own start failed part way, so it must cope with a partial start.
   */
  default void stop() throws Exception {}

  /**
   * What the layer runs, in a few words for the application's "ready" log line once everything has
   * started: the queues consumed and their concurrency, the cron jobs scheduled. Empty says
   * nothing.
   */
  default String summary() {
    return "";
  }

  /**
   * The layer's health right now; must not block for long. Before {@link #start} it is {@link
   * Health#notStarted()}.
   */
  default Health health() {
    return Health.ok();
  }
}
