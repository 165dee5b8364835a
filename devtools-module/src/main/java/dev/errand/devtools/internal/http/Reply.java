package dev.errand.devtools.internal.http;

/**
 * What a handler answers: a status and a body that is written as JSON.
 *
 * @param status the HTTP status
 * @param body any value Jackson can write
 */
public record Reply(int status, Object body) {

  public static Reply ok(Object body) {
    return new Reply(200, body);
  }

  /** The action was started and will finish on its own; the page sees its effect by polling. */
  public static Reply accepted(Object body) {
    return new Reply(202, body);
  }
}
