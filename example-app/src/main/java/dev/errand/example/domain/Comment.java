package dev.errand.example.domain;

import java.time.Instant;

/** A comment on a task. */
public record Comment(long id, long taskId, long authorId, String body, Instant createdAt) {}
