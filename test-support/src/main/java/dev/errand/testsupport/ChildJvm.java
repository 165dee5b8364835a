package dev.errand.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
    try {
      Path log = Files.createTempFile("errand-child-" + main.getSimpleName(), ".log");
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
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
