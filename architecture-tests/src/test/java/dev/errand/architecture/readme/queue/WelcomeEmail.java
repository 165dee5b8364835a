package dev.errand.architecture.readme.queue;

/** The README's welcome mail job payload. */
public record WelcomeEmail(String email, String firstName) {}
