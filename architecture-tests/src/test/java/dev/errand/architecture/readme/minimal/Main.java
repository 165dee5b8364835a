package dev.errand.architecture.readme.minimal;

import com.google.inject.Key;
import com.google.inject.Module;
import dev.errand.core.ErrandApp;
import dev.errand.core.spi.Adapter;
import dev.errand.database.DatabaseAdapter;
import java.util.Set;
import javax.sql.DataSource;

// README: "A minimal application".
public final class Main {
  public static void main(String[] args) throws InterruptedException {
    ErrandApp app =
        ErrandApp.builder()
            .modules(new AppModule()) // your own Guice modules
            .adapters(
                new DatabaseAdapter(), // provides DataSource
                new AuditAdapter()) // requires DataSource
            .start(); // checks the order, then starts in order
    app.get(AuditLog.class).record("started");
    app.awaitShutdown(); // until app.stop(), SIGTERM or Ctrl-C; stops in reverse order
  }
}

/** An adapter of your own: one named layer with a Guice module and start/stop hooks. */
final class AuditAdapter implements Adapter {
  public String name() {
    return "AuditAdapter";
  }

  public Module module() {
    return binder -> binder.bind(AuditLog.class).to(JdbcAuditLog.class);
  }

  public Set<Key<?>> provides() {
    return Set.of(Key.get(AuditLog.class));
  }

  public Set<Key<?>> requires() {
    return Set.of(Key.get(DataSource.class));
  }
}
