package com.acme.jobs;

public record WelcomeEmail(String email, String firstName) {}
