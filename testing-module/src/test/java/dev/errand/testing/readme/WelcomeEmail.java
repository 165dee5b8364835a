package dev.errand.testing.readme;

public record WelcomeEmail(String email, String firstName) {}
