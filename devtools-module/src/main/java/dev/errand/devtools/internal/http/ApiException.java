package dev.errand.devtools.internal.http;

/** A request the API refuses, with the HTTP status and a message that says what to do instead. */
public final class ApiException extends RuntimeException {

  private final int status;

  public ApiException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, message);
  }

  public static ApiException notFound(String message) {
    return new ApiException(404, message);
  }

  /** The operation exists on the dashboard but the installed module cannot perform it yet. */
  public static ApiException notImplemented(String message) {
    return new ApiException(501, message);
  }
}
