package dev.errand.example.usecase;

import dev.errand.example.domain.Comment;
import dev.errand.example.domain.CommentRepository;
import dev.errand.example.domain.InvalidInputException;
import dev.errand.example.domain.Sql;
import dev.errand.example.domain.Task;
import dev.errand.example.domain.TaskRepository;
import dev.errand.example.domain.User;
import dev.errand.example.domain.UserRepository;
import dev.errand.example.jobs.JobPolicies;
import dev.errand.example.jobs.Jobs;
import dev.errand.example.jobs.Payloads.CreateNotification;
import dev.errand.example.jobs.Payloads.LogActivity;
import dev.errand.example.jobs.Payloads.MentionedEmail;
import dev.errand.queue.JobAdder;
import dev.errand.queue.QueueService;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;

/**
 * Stores a comment and answers at once; the notification, mail and activity entry for it are done
 * by jobs afterwards, so a slow or failing mail server never fails the comment. The comment and its
 * jobs are written in one transaction: a mention can never be notified for a comment that was
 * rolled back, nor a stored comment lose its jobs to a failed add.
 */
public final class AddComment {

  private final TaskRepository tasks;
  private final UserRepository users;
  private final CommentRepository comments;
  private final Sql sql;
  private final QueueService queue;
  private final JobPolicies policies;
  private final Clock clock;

  @Inject
  AddComment(
      TaskRepository tasks,
      UserRepository users,
      CommentRepository comments,
      Sql sql,
      QueueService queue,
      JobPolicies policies,
      Clock clock) {
    this.tasks = tasks;
    this.users = users;
    this.comments = comments;
    this.sql = sql;
    this.queue = queue;
    this.policies = policies;
    this.clock = clock;
  }

  public Comment add(long taskId, Long authorId, String body) {
    if (authorId == null) {
      throw new InvalidInputException("authorId is required");
    }
    if (body == null || body.isBlank() || body.length() > 4000) {
      throw new InvalidInputException("body is required (at most 4000 characters)");
    }
    Task task = tasks.get(taskId);
    User author = users.get(authorId);
    List<User> mentioned = users.findByNames(Mentions.in(body));
    return sql.transaction(
        connection -> {
          Comment comment = comments.create(task.id(), author.id(), body, clock.instant());
          enqueue(queue.inTransaction(connection), task, author, comment, mentioned, body);
          return comment;
        });
  }

  private void enqueue(
      JobAdder queue, Task task, User author, Comment comment, List<User> mentioned, String body) {
    for (User user : mentioned) {
      String title = author.name() + " mentioned you in " + task.key();
      queue.add(
          Jobs.CREATE_NOTIFICATION,
          new CreateNotification(
              "comment:" + comment.id() + ":mention:" + user.id(),
              user.id(),
              "mentioned",
              title,
              body,
              task.id(),
              comment.id()),
          policies.bookkeeping());
      queue.add(
          Jobs.MENTIONED_EMAIL,
          new MentionedEmail(user.email(), user.name(), task.key(), task.title(), author.name()),
          policies.transactionalMail());
    }
    queue.add(
        Jobs.LOG_ACTIVITY,
        new LogActivity(
            "comment:" + comment.id(),
            author.id(),
            "commented",
            task.id(),
            author.name() + " commented on " + task.key()),
        policies.bookkeeping());
  }
}
