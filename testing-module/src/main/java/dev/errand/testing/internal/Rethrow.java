package dev.errand.testing.internal;

/** Throws any exception unchanged, checked ones included, from a method that declares none. */
final class Rethrow {

  private Rethrow() {}

  /**
   * Throws {@code error} as it is. Declared to return an exception so callers can write {@code
   * throw Rethrow.as(e)} and the compiler sees the path end.
   */
  @SuppressWarnings("unchecked")
  static <E extends Throwable> RuntimeException as(Throwable error) throws E {
    throw (E) error;
  }
}
