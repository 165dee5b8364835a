package dev.errand.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * One {@code redis-server} process (a plain server, a cluster node or a sentinel) in a directory of
 * its own with its log in {@code redis.log}: the building block of the private servers and
 * topologies. The process is killed on {@link #kill()}, on {@link #close()} and when the JVM exits.
 */
final class RedisNode implements AutoCloseable {

  static final Duration READY_TIMEOUT = Duration.ofSeconds(10);
  private static final int LOG_TAIL_LINES = 20;

  private final String name;
  private final Path dir;
  private final int port;
  private final List<String> args;
  private final IntPredicate ready;
  private Process process;

  /**
   * @param name what the node is, for errors ("cluster node")
   * @param args everything after the binary; see {@link #baseArgs}
   * @param ready whether the node on this port is ready, asked until it says so
   */
  RedisNode(String name, Path dir, int port, List<String> args, IntPredicate ready) {
    this.name = name;
    this.dir = dir;
    this.port = port;
    this.args = List.copyOf(args);
    this.ready = ready;
  }

  /** A node that is ready when it answers {@code PING} in plain RESP. */
  static RedisNode plain(String name, Path dir, int port, List<String> args) {
    return new RedisNode(name, dir, port, args, RedisNode::answersPing);
  }

  /**
   * What every node is started with: loopback only, no persistence, files in {@code dir}. The
   * caller adds {@code --port} (or {@code --tls-port}) and its own options.
   */
  static List<String> baseArgs(Path dir) {
    return List.of(
        "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString());
  }

  int port() {
    return port;
  }

  Path dir() {
    return dir;
  }

  boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Starts the process and waits until it is ready; see {@link #awaitReady()}. */
  void launch() {
    startProcess();
    awaitReady();
  }

  /** Starts the process without waiting, so that several nodes can come up side by side. */
  void startProcess() {
    List<String> command = new ArrayList<>();
    command.add(Processes.redisServerBinary().toString());
    command.addAll(args);
    try {
      Files.createDirectories(dir);
      process = Processes.start(command, log());
    } catch (IOException e) {
      throw new IllegalStateException(
          "Cannot start " + name + " on port " + port + ": " + e.getMessage(), e);
    }
  }

  /**
   * Waits until the node is ready. When it exits or is not ready within {@link #READY_TIMEOUT}, it
   * is killed and the error names it and quotes its log tail.
   */
  void awaitReady() {
    try {
      Processes.await(
          name + " on port " + port + " to be ready",
          READY_TIMEOUT,
          () -> {
            if (!process.isAlive()) {
              throw new Processes.GiveUp("it exited with " + process.exitValue());
            }
            return ready.test(port) ? Optional.of(true) : Optional.empty();
          },
          this::logTail);
    } catch (RuntimeException e) {
      // Leave no server behind when it never became ready: nobody would stop it later.
      kill();
      throw e;
    }
  }

  /** Kills the process abruptly (SIGKILL), as a crash would. */
  void kill() {
    if (process != null) {
      Processes.kill(process);
      process = null;
    }
  }

  /** The last lines of the node's log, headed by what the node is. */
  String logTail() {
    return "--- " + name + " " + port + " log tail ---\n" + Processes.tail(log(), LOG_TAIL_LINES);
  }

  @Override
  public void close() {
    kill();
  }

  private Path log() {
    return dir.resolve("redis.log");
  }

  /** Whether a plain server answers PING (NOAUTH from a server with a password counts too). */
  static boolean answersPing(int port) {
    String reply = RespClient.command("127.0.0.1", port, "PING");
    return reply.contains("PONG") || reply.startsWith("-NOAUTH");
  }
}
