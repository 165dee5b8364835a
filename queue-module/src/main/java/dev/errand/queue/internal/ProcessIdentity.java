package dev.errand.queue.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The host and process id this JVM's runs and heartbeats are recorded under. */
final class ProcessIdentity {

  private static volatile String host;
  private static volatile String worker;

  private ProcessIdentity() {}

  static String host() {
    String h = host;
    if (h == null) {
      try {
        h = InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        h = System.getenv().getOrDefault("HOSTNAME", "unknown-host");
      }
      host = h;
    }
    return h;
  }

  static long pid() {
    return ProcessHandle.current().pid();
  }

  /**
   * A run's worker as its attempts show it: {@code host/pid}. Asked for every acknowledged run, so
   * it is built once.
   */
  static String worker() {
    String w = worker;
    if (w == null) {
      w = host() + "/" + pid();
      worker = w;
    }
    return w;
  }
}
