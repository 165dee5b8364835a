package dev.errand.example.domain;

/** A request's content is not acceptable; the HTTP layer answers 400 with this message. */
public final class InvalidInputException extends RuntimeException {
  public InvalidInputException(String message) {
    super(message);
  }
}
