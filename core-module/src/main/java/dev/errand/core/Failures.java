package dev.errand.core;

/** Helpers for turning exception chains into messages an operator can act on. */
public final class Failures {

  private Failures() {}

  /**
   * The message of the deepest cause ("Connection refused" rather than the wrapper's "Unable to
   * connect"), or its class name when it has none.
   */
  public static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
