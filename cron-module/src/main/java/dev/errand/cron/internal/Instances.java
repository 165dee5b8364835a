package dev.errand.cron.internal;

import java.util.UUID;

/** Names this process in run history, so an operator can tell which instance ran a tick. */
public final class Instances {

  private Instances() {}

  /** {@code host:pid:random}; the random part tells apart restarts that reuse a pid. */
  public static String currentId() {
    String host = System.getenv("HOSTNAME");
    if (host == null || host.isBlank()) {
      host = "host";
    }
    return host
        + ":"
        + ProcessHandle.current().pid()
        + ":"
        + UUID.randomUUID().toString().substring(0, 6);
  }
}
