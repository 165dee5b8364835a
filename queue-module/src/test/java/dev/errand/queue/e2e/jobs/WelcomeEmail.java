package dev.errand.queue.e2e.jobs;

/** The payload of a welcome email. */
public record WelcomeEmail(String email, String firstName) {}
