package dev.errand.queue.e2e.jobs;

import dev.errand.queue.QueueService;
import jakarta.inject.Inject;
import java.util.Map;

/** A use case that dispatches jobs: one typed, one untyped. */
public final class RegisterUser {

  private final QueueService queue;

  @Inject
  RegisterUser(QueueService queue) {
    this.queue = queue;
  }

  public void register(String email, String firstName) {
    queue.add(Jobs.WELCOME, new WelcomeEmail(email, firstName));
    queue.add("email", "send-digest", Map.of("email", email, "items", 3));
  }
}
