package dev.errand.architecture.readme.postgres;

import dev.errand.queue.JobType;
import dev.errand.queue.QueueService;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

// README: "Jobs in your own transaction".
final class PostCommentUseCase {
  private final DataSource dataSource;
  private final Comments comments;
  private final QueueService queue;

  @Inject
  PostCommentUseCase(DataSource dataSource, Comments comments, QueueService queue) {
    this.dataSource = dataSource;
    this.comments = comments;
    this.queue = queue;
  }

  void post(String comment) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      long commentId = comments.insert(c, comment);
      queue.inTransaction(c).add(Jobs.MENTION, new Mention(commentId));
      c.commit();
    }
  }
}

interface Comments {
  long insert(Connection c, String comment) throws SQLException;
}

record Mention(long commentId) {}

final class Jobs {
  static final JobType<Mention> MENTION = JobType.of("mentions", "notify-mentioned", Mention.class);
}
