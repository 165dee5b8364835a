package dev.errand.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * What the private servers share: finding binaries, child processes that die with the JVM, running
 * a command to completion, and waiting for a condition with a deadline; their ports come from
 * {@link FreePorts}.
 */
final class Processes {

  /** Every child process still alive; killed by a shutdown hook so no server outlives the JVM. */
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  /** Directories deleted by the same hook, once their processes are gone. */
  private static final Set<Path> JVM_DIRS = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LIVE.forEach(Processes::kill);
                  JVM_DIRS.forEach(Processes::deleteTree);
                },
                "errand-test-process-reaper"));
  }

  private static final Duration CLI_TIMEOUT = Duration.ofSeconds(30);

  private Processes() {}

  /** {@code redis-server} from {@code REDIS_SERVER_BIN} or the {@code PATH}. */
  static Path redisServerBinary() {
    return binary("redis-server", "REDIS_SERVER_BIN", "apt-get install redis-server");
  }

  /**
   * {@code redis-cli} from {@code REDIS_CLI_BIN}, beside redis-server, or from the {@code PATH}.
   */
  static Path redisCliBinary() {
    String configured = System.getenv("REDIS_CLI_BIN");
    if (configured == null || configured.isBlank()) {
      Path sibling = redisServerBinary().resolveSibling("redis-cli");
      if (Files.isExecutable(sibling)) {
        return sibling;
      }
    }
    return binary("redis-cli", "REDIS_CLI_BIN", "apt-get install redis-tools");
  }

  /**
   * Runs {@code redis-cli -h 127.0.0.1 -p PORT [options] args...} and returns its output.
   *
   * @param options redis-cli's own options, such as {@code --tls} or {@code -c}
   * @throws IllegalStateException when redis-cli cannot connect or does not finish in time
   */
  static String cli(int port, List<String> options, String... args) {
    List<String> command = new ArrayList<>();
    command.add(redisCliBinary().toString());
    command.addAll(List.of("-h", "127.0.0.1", "-p", String.valueOf(port)));
    command.addAll(options);
    command.addAll(List.of(args));
    return run(command, CLI_TIMEOUT);
  }

  /** The JDK's own {@code keytool}, beside the running JVM. */
  static Path keytool() {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    if (!Files.isExecutable(keytool)) {
      throw new IllegalStateException("keytool was not found at " + keytool);
    }
    return keytool;
  }

  private static Path binary(String name, String variable, String install) {
    String configured = System.getenv(variable);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        name + " was not found on the PATH; install it (" + install + ") or set " + variable);
  }

  /** Starts {@code command} with its output in {@code log}; the process dies with the JVM. */
  static Process start(List<String> command, Path log) throws IOException {
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    LIVE.add(process);
    process.onExit().thenRun(() -> LIVE.remove(process));
    return process;
  }

  /** Kills {@code process} abruptly (SIGKILL) and waits for it to be gone. */
  static void kill(Process process) {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      LIVE.remove(process);
    }
  }

  /**
   * Runs {@code command} to completion and returns its output (standard output and error).
   *
   * @throws IllegalStateException when it exits non-zero or takes longer than {@code timeout}
   */
  static String run(List<String> command, Duration timeout) {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot run " + command + ": " + e.getMessage(), e);
    }
    LIVE.add(process);
    CompletableFuture<String> output =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        kill(process);
        throw new IllegalStateException(
            command + " did not finish within " + timeout.toSeconds() + "s");
      }
      String text = output.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            command + " exited with " + process.exitValue() + ": " + text.strip());
      }
      return text;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill(process);
      throw new IllegalStateException("Interrupted while running " + command, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Cannot read the output of " + command, e);
    } finally {
      LIVE.remove(process);
    }
  }

  /**
   * Polls {@code probe} every 100 ms until it gives a value and returns that value. A probe that
   * throws counts as not yet (the last failure is reported on timeout), except {@link GiveUp},
   * which ends the wait at once.
   *
   * @param what what is awaited, for the error ("the cluster to form")
   * @param diagnostics what to add to the error on failure, such as server log tails
   */
  static <T> T await(
      String what, Duration timeout, Supplier<Optional<T>> probe, Supplier<String> diagnostics) {
    long deadline = System.nanoTime() + timeout.toNanos();
    RuntimeException last = null;
    while (true) {
      try {
        Optional<T> value = probe.get();
        if (value.isPresent()) {
          return value.get();
        }
      } catch (GiveUp e) {
        throw new IllegalStateException(
            "Gave up waiting for " + what + ": " + e.getMessage() + "\n" + diagnostics.get(), e);
      } catch (RuntimeException e) {
        last = e;
      }
      if (System.nanoTime() >= deadline) {
        throw new IllegalStateException(
            "Timed out after "
                + timeout.toSeconds()
                + "s waiting for "
                + what
                + (last == null ? "" : " (last failure: " + last.getMessage() + ")")
                + "\n"
                + diagnostics.get(),
            last);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for " + what, e);
      }
    }
  }

  /** Thrown by an {@link #await} probe when waiting longer cannot help. */
  static final class GiveUp extends RuntimeException {
    GiveUp(String message) {
      super(message);
    }
  }

  /** The last {@code lines} lines of {@code log}, or a note that it cannot be read. */
  static String tail(Path log, int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(no log at " + log + ": " + e.getMessage() + ")";
    }
  }

  /** Deletes {@code dir} with everything in it when the JVM exits. */
  static void deleteAtExit(Path dir) {
    JVM_DIRS.add(dir);
  }

  /** Deletes {@code dir} and everything in it, as far as it can. */
  static void deleteTree(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException ignored) {
      // A temp directory left behind is harmless.
    }
  }
}
