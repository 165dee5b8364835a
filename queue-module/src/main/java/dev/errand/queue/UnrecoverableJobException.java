package dev.errand.queue;

/**
 * Thrown by a handler when retrying cannot help (the user was deleted, the input is invalid): the
 * job fails at once, whatever attempts it has left.
 */
public class UnrecoverableJobException extends RuntimeException {

  public UnrecoverableJobException(String message) {
    super(message);
  }

  public UnrecoverableJobException(String message, Throwable cause) {
    super(message, cause);
  }
}
