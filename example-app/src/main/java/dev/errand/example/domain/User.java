package dev.errand.example.domain;

import java.time.Instant;

/** A person who can be assigned tasks and mentioned as {@code @name}. */
public record User(long id, String name, String email, Instant createdAt) {}
