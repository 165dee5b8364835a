package dev.errand.example;

import dev.errand.example.domain.TokenRepository;
import dev.errand.example.domain.User;
import dev.errand.example.domain.UserRepository;
import dev.errand.example.usecase.AddComment;
import dev.errand.example.usecase.CreateTask;
import dev.errand.example.usecase.CreateUser;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A little data for a first run, created through the same use cases as the API, so welcome mails,
 * assignment mails, mention notifications and activity jobs flow through the log at once.
 */
final class DemoData {

  private static final Logger log = LoggerFactory.getLogger(DemoData.class);

  private final UserRepository users;
  private final TokenRepository tokens;
  private final CreateUser createUser;
  private final CreateTask createTask;
  private final AddComment addComment;
  private final Clock clock;

  @Inject
  DemoData(
      UserRepository users,
      TokenRepository tokens,
      CreateUser createUser,
      CreateTask createTask,
      AddComment addComment,
      Clock clock) {
    this.users = users;
    this.tokens = tokens;
    this.createUser = createUser;
    this.createTask = createTask;
    this.addComment = addComment;
    this.clock = clock;
  }

  /** Loads the demo data unless the database already has users. */
  void loadIfEmpty() {
    if (!users.all().isEmpty()) {
      return;
    }
    User ada = createUser.create("ada", "ada@example.com");
    User grace = createUser.create("grace", "grace@example.com");
    User linus = createUser.create("linus", "linus@example.com");
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    var overdue =
        createTask.create(
            "Fix the login redirect",
            linus.id(),
            List.of(ada.id(), grace.id()),
            today.minusDays(2));
    var upcoming =
        createTask.create(
            "Write the release notes", ada.id(), List.of(linus.id()), today.plusDays(5));
    addComment.add(
        overdue.id(), linus.id(), "@ada @grace this is blocking the release, can you look?");
    tokens.issue(ada.id(), "demo-expired-token", clock.instant().minus(Duration.ofDays(1)));
    log.info(
        "Demo data loaded: users ada, grace, linus; tasks {} (overdue) and {}",
        overdue.key(),
        upcoming.key());
  }
}
