package dev.errand.example.domain;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Workspaces, by id. */
@Singleton
public final class WorkspaceRepository {

  private final Sql sql;

  @Inject
  public WorkspaceRepository(Sql sql) {
    this.sql = sql;
  }

  public void create(String id, String name) {
    if (!sql.insertOnce("INSERT INTO workspaces (id, name) VALUES (?, ?)", id, name)) {
      throw new ConflictException("a workspace '" + id + "' already exists");
    }
  }

  public boolean exists(String id) {
    return sql.one("SELECT id FROM workspaces WHERE id = ?", row -> row.getString(1), id)
        .isPresent();
  }

  public void delete(String id) {
    if (sql.update("DELETE FROM workspaces WHERE id = ?", id) == 0) {
      throw new NotFoundException("no workspace '" + id + "'");
    }
  }
}
