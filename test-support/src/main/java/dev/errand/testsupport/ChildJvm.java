package dev.errand.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A second JVM on the test's own class path, for crash tests: it runs a {@code main} class, writes
 * its output to a log file, dies with the test JVM, and can be killed as {@code kill -9} would.
 */
public final class ChildJvm implements AutoCloseable {

  private final Process process;
  private final Path log;

  private ChildJvm(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts {@code main} with {@code args}; its output goes to a temporary log file. */
  public static ChildJvm start(Class<?> main, String... args) {
    return startWithout(List.of(), main, args);
  }

  /**
   * The same, on the test's class path less the entries whose path contains one of {@code leftOut}:
   * a JVM without an optional library, such as {@code "micrometer"}.
   */
  public static ChildJvm startWithout(List<String> leftOut, Class<?> main, String... args) {
    String classPath =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> leftOut.stream().noneMatch(entry::contains))
            .collect(Collectors.joining(File.pathSeparator));
    try {
      Path log = Files.createTempFile("errand-child-" + main.getSimpleName(), ".log");
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(List.of("-cp", classPath, main.getName()));
      command.addAll(List.of(args));
      return new ChildJvm(Processes.start(command, log), log);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot start a child JVM for " + main.getName(), e);
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Kills the JVM with SIGKILL, as {@code kill -9} does: no shutdown hook, no finally block. */
  public void kill() {
    Processes.kill(process);
  }

  /** The last lines of the child's output, for failure messages. */
  public String logTail() {
    return Processes.tail(log, 40);
  }

  @Override
  public void close() {
    kill();
  }
}
