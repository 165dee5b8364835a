package dev.errand.example.domain;

import java.time.Instant;

/** Something a user should see: they were mentioned, assigned, reminded. */
public record Notification(
    long id,
    long recipientId,
    String type,
    String title,
    String body,
    Long taskId,
    Long commentId,
    Instant createdAt) {}
