package dev.errand.example.domain;

import java.time.Instant;

/** One line of the activity feed. */
public record ActivityEntry(
    long id, long actorId, String action, Long taskId, String summary, Instant createdAt) {}
