package dev.errand.architecture.readme.minimal;

import com.google.inject.AbstractModule;
import jakarta.inject.Inject;
import javax.sql.DataSource;

/** What the README's minimal application's own adapter provides. */
interface AuditLog {
  void record(String event);
}

/** An audit log kept in the application's database. */
final class JdbcAuditLog implements AuditLog {
  private final DataSource database;

  @Inject
  JdbcAuditLog(DataSource database) {
    this.database = database;
  }

  @Override
  public void record(String event) {
    if (database == null) {
      throw new IllegalStateException("no database for " + event);
    }
  }
}

/** The application's own Guice module. */
final class AppModule extends AbstractModule {}
