package dev.errand.example.domain;

import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * The workspace the current request acts in, set by the HTTP layer around each request; jobs added
 * meanwhile carry it in their metadata (see the jobs package's WorkspaceScope).
 */
public final class CurrentWorkspace {

  /** The workspace of requests that name none. */
  public static final String DEFAULT = "default";

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

  private CurrentWorkspace() {}

  /** The current request's workspace, or null outside a request (a cron job, say). */
  public static String id() {
    return CURRENT.get();
  }

  /** {@code id}, if it has a workspace id's form. */
  public static String checked(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new InvalidInputException(
          "workspace '" + id + "' must be 1 to 64 lower-case letters, digits or '-'");
    }
    return id;
  }

  /** Runs {@code work} in workspace {@code id}, checked for form first. */
  public static <T> T in(String id, Callable<T> work) throws Exception {
    checked(id);
    String outer = CURRENT.get();
    CURRENT.set(id);
    try {
      return work.call();
    } finally {
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
  }
}
