package dev.errand.example.domain;

/** A referenced record does not exist; the HTTP layer answers 404. */
public final class NotFoundException extends RuntimeException {
  public NotFoundException(String message) {
    super(message);
  }
}
