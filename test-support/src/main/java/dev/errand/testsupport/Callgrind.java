package dev.errand.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A redis-server running under valgrind's callgrind, named by its pid in the system property {@code
 * errand.bench.callgrindPid} (as {@code scripts/bench-workers valgrind} sets it): benchmarks count
 * the instructions it executes, a figure of Redis's work that, unlike its CPU time, does not move
 * when other processes compete for the same cores.
 */
public final class Callgrind {

  private final long pid;

  private Callgrind(long pid) {
    this.pid = pid;
  }

  /** The Redis the system property names, if it names one. */
  public static Optional<Callgrind> fromSystemProperty() {
    long pid = Long.getLong("errand.bench.callgrindPid", 0);
    return pid > 0 ? Optional.of(new Callgrind(pid)) : Optional.empty();
  }

  /** Sets the counts to zero. */
  public void zero() {
    control("-z");
  }

  /** Instructions executed by every thread since the last {@link #zero()}. */
  public long instructions() {
    long total = 0;
    for (String line : control("-e").split("\\R")) {
      String trimmed = line.trim();
      if (trimmed.startsWith("Th ")) {
        String[] parts = trimmed.split("\\s+");
        total += Long.parseLong(parts[parts.length - 1].replace(",", ""));
      }
    }
    return total;
  }

  private String control(String option) {
    try {
      Process control =
          new ProcessBuilder("callgrind_control", option, Long.toString(pid))
              .redirectErrorStream(true)
              .start();
      String out = new String(control.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (control.waitFor() != 0) {
        throw new IllegalStateException("callgrind_control " + option + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("callgrind_control is not runnable", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
