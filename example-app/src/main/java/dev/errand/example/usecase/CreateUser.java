package dev.errand.example.usecase;

import dev.errand.example.domain.InvalidInputException;
import dev.errand.example.domain.Sql;
import dev.errand.example.domain.User;
import dev.errand.example.domain.UserRepository;
import dev.errand.example.jobs.JobPolicies;
import dev.errand.example.jobs.Jobs;
import dev.errand.example.jobs.Payloads.WelcomeEmail;
import dev.errand.queue.QueueService;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.regex.Pattern;

/** Registers a user and queues their welcome mail, in one transaction. */
public final class CreateUser {

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  private final UserRepository users;
  private final Sql sql;
  private final QueueService queue;
  private final JobPolicies policies;
  private final Clock clock;

  @Inject
  CreateUser(UserRepository users, Sql sql, QueueService queue, JobPolicies policies, Clock clock) {
    this.users = users;
    this.sql = sql;
    this.queue = queue;
    this.policies = policies;
    this.clock = clock;
  }

  public User create(String name, String email) {
    if (name == null || !Mentions.NAME.matcher(name).matches()) {
      throw new InvalidInputException(
          "name is required: 1 to 50 letters, digits, '.', '_' or '-' (so it can be @mentioned)");
    }
    if (email == null || !EMAIL.matcher(email).matches() || email.length() > 320) {
      throw new InvalidInputException("email is required and must look like name@example.com");
    }
    return sql.transaction(
        connection -> {
          User user = users.create(name, email, clock.instant());
          queue
              .inTransaction(connection)
              .add(
                  Jobs.WELCOME_EMAIL,
                  new WelcomeEmail(user.email(), user.name()),
                  policies.welcomeMail());
          return user;
        });
  }
}
