package dev.errand.example.domain;

/** The request clashes with what exists (a second user of one name); the HTTP layer answers 409. */
public final class ConflictException extends RuntimeException {
  public ConflictException(String message) {
    super(message);
  }
}
