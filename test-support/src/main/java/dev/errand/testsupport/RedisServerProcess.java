package dev.errand.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A private {@code redis-server} on a free port, for tests that stop, restart or kill Redis without
 * disturbing the shared server.
 *
 * <pre>{@code
 * try (RedisServerProcess redis = RedisServerProcess.start()) {
 *   String url = redis.url();   // redis://127.0.0.1:PORT
 *   redis.stop();               // the server goes away; clients see connection errors
 *   redis.restart();            // back on the same port, empty
 * }
 * }</pre>
 *
 * <p>The binary is {@code redis-server} from {@code REDIS_SERVER_BIN} or the {@code PATH}.
 * Persistence is off, so a restart comes back empty. The server is killed on close and, should a
 * test never close it, when the JVM exits.
 */
public final class RedisServerProcess implements AutoCloseable {

  private final Path dir;
  private final RedisNode node;

  private RedisServerProcess(Path dir, int port, List<String> extraArgs) {
    this.dir = dir;
    List<String> args = new ArrayList<>(List.of("--port", String.valueOf(port)));
    args.addAll(RedisNode.baseArgs(dir));
    args.addAll(extraArgs);
    this.node = RedisNode.plain("redis-server", dir, port, args);
  }

  /**
   * Starts a server on a free port.
   *
   * @param extraArgs further {@code redis-server} options, such as {@code "--requirepass",
   *     "s3cret"}
   * @throws IllegalStateException when the server does not come up, with its log tail
   */
  public static RedisServerProcess start(String... extraArgs) {
    Path dir;
    int port;
    try {
      dir = Files.createTempDirectory("errand-redis-");
      port = freePort();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot start a private redis-server: " + e.getMessage(), e);
    }
    RedisServerProcess server = new RedisServerProcess(dir, port, List.of(extraArgs));
    try {
      server.node.launch();
    } catch (RuntimeException e) {
      Processes.deleteTree(dir);
      throw e;
    }
    return server;
  }

  public int port() {
    return node.port();
  }

  /** {@code redis://127.0.0.1:PORT}. */
  public String url() {
    return "redis://127.0.0.1:" + node.port();
  }

  public boolean isRunning() {
    return node.isRunning();
  }

  /** Stops the server abruptly (SIGKILL), as a crash would. */
  public void stop() {
    node.kill();
  }

  /** Starts the server again on the same port. */
  public void restart() {
    stop();
    node.launch();
  }

  /** Sends one command and returns the raw reply line (for {@code CLIENT KILL} and the like). */
  public String command(String... args) {
    return RespClient.command("127.0.0.1", node.port(), args);
  }

  @Override
  public void close() {
    stop();
    Processes.deleteTree(dir);
  }

  /** A port that was free a moment ago. */
  public static int freePort() throws IOException {
    return Processes.freePort();
  }
}
