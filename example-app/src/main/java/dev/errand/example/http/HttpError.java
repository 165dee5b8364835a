package dev.errand.example.http;

/** An error answer: a status and a message the client can act on. */
final class HttpError extends RuntimeException {

  private final int status;

  HttpError(int status, String message) {
    super(message);
    this.status = status;
  }

  int status() {
    return status;
  }
}
