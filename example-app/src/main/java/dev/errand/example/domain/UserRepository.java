package dev.errand.example.domain;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Users, by id and by name. */
@Singleton
public final class UserRepository {

  private static final String COLUMNS = "id, name, email, created_at";

  private final Sql sql;

  @Inject
  public UserRepository(Sql sql) {
    this.sql = sql;
  }

  public User create(String name, String email, Instant now) {
    if (findByName(name).isPresent()) {
      throw new ConflictException("a user named '" + name + "' already exists");
    }
    long id =
        sql.insert(
            "INSERT INTO users (name, email, created_at) VALUES (?, ?, ?)", name, email, now);
    return new User(id, name, email, now);
  }

  public Optional<User> find(long id) {
    return sql.one("SELECT " + COLUMNS + " FROM users WHERE id = ?", UserRepository::map, id);
  }

  public User get(long id) {
    return find(id).orElseThrow(() -> new NotFoundException("no user with id " + id));
  }

  public Optional<User> findByName(String name) {
    return sql.one(
        "SELECT " + COLUMNS + " FROM users WHERE LOWER(name) = ?",
        UserRepository::map,
        name.toLowerCase(Locale.ROOT));
  }

  /** The users whose names match, ignoring case; unknown names are left out. */
  public List<User> findByNames(Collection<String> names) {
    return names.stream().distinct().flatMap(n -> findByName(n).stream()).distinct().toList();
  }

  public List<User> all() {
    return sql.list("SELECT " + COLUMNS + " FROM users ORDER BY id", UserRepository::map);
  }

  private static User map(ResultSet row) throws SQLException {
    return new User(
        row.getLong("id"),
        row.getString("name"),
        row.getString("email"),
        Sql.instant(row, "created_at"));
  }
}
