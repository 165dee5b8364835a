package dev.errand.architecture.readme.queue;

/** The README's user. */
record User(long id, String email, String firstName) {}
