package dev.errand.testsupport;

import java.io.IOException;
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
 * test never close it, when the JVM exits. For other shapes of Redis see {@link
 * RedisClusterProcess}, {@link RedisSentinelProcess} and {@link RedisTlsServer}.
 */
public final class RedisServerProcess extends SingleServer {

  private RedisServerProcess(RedisNodes nodes, RedisNode node) {
    super(nodes, node);
  }

  /**
   * Starts a server on a free port.
   *
   * @param extraArgs further {@code redis-server} options, such as {@code "--requirepass",
   *     "s3cret"}
   * @throws IllegalStateException when the server does not come up, with its log tail
   */
  public static RedisServerProcess start(String... extraArgs) {
    return RedisNodes.startOrClean(
        "errand-redis-",
        nodes -> {
          RedisNode node = nodes.node("redis-server", FreePorts.one(), List.of(extraArgs));
          nodes.launch(List.of(node));
          return new RedisServerProcess(nodes, node);
        });
  }

  /** {@code redis://127.0.0.1:PORT}. */
  public String url() {
    return "redis://127.0.0.1:" + port();
  }

  /** Sends one command and returns the raw reply line (for {@code CLIENT KILL} and the like). */
  public String command(String... args) {
    return RespClient.command("127.0.0.1", port(), args);
  }

  /** A port that was free a moment ago. */
  public static int freePort() throws IOException {
    return FreePorts.one();
  }
}
