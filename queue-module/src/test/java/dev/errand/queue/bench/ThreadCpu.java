package dev.errand.queue.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * This JVM's CPU time by kind of thread (the thread's name with its digits dropped: compiler
 * threads, the Redis client's event loops, the carriers of virtual threads, GC), read from Linux's
 * {@code /proc/self/task}: what a benchmark's process-wide CPU figure is made of. Elsewhere it
 * reads nothing.
 */
final class ThreadCpu {

  private ThreadCpu() {}

  /** Clock ticks (usually 10 ms) of user and system time so far, by kind of thread. */
  static Map<String, Long> ticks() {
    Map<String, Long> byKind = new TreeMap<>();
    Path tasks = Path.of("/proc/self/task");
    if (!Files.isDirectory(tasks)) {
      return byKind;
    }
    try (Stream<Path> list = Files.list(tasks)) {
      for (Path task : list.toList()) {
        String stat;
        try {
          stat = Files.readString(task.resolve("stat"));
        } catch (IOException e) {
          continue; // the thread ended meanwhile
        }
        // pid (name) state ...: the name may hold spaces, so fields count from its closing ')'.
        int close = stat.lastIndexOf(')');
        String name = stat.substring(stat.indexOf('(') + 1, close).replaceAll("[0-9]+", "#");
        String[] fields = stat.substring(close + 2).split(" ");
        long userAndSystem = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        byKind.merge(name, userAndSystem, Long::sum);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return byKind;
  }

  /** What each kind of thread spent between two readings, one line each, in ticks. */
  static String since(Map<String, Long> before, Map<String, Long> after) {
    StringBuilder out = new StringBuilder();
    after.forEach(
        (kind, ticks) -> {
          long spent = ticks - before.getOrDefault(kind, 0L);
          if (spent > 0) {
            out.append(String.format("  %-24s %d ticks%n", kind, spent));
          }
        });
    return out.toString();
  }
}
