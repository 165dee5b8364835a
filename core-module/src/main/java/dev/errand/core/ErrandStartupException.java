package dev.errand.core;

/**
 * An application could not start: its adapters are in the wrong order, a requirement is missing, a
 * setting is invalid, or an adapter's start failed. The message names the adapter and the fix;
 * whatever had started has already been stopped.
 */
public final class ErrandStartupException extends RuntimeException {

  public ErrandStartupException(String message) {
    super(message);
  }

  public ErrandStartupException(String message, Throwable cause) {
    super(message, cause);
  }
}
