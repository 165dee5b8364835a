package dev.errand.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
 * Persistence is off, so a restart comes back empty.
 */
public final class RedisServerProcess implements AutoCloseable {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);

  private final Path binary;
  private final Path dir;
  private final int port;
  private final List<String> extraArgs;
  private Process process;

  private RedisServerProcess(Path binary, int port, List<String> extraArgs) throws IOException {
    this.binary = binary;
    this.port = port;
    this.extraArgs = List.copyOf(extraArgs);
    this.dir = Files.createTempDirectory("errand-redis-");
  }

  /** Starts a server on a free port. */
  public static RedisServerProcess start(String... extraArgs) {
    try {
      RedisServerProcess server =
          new RedisServerProcess(findBinary(), freePort(), List.of(extraArgs));
      server.launch();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException("Cannot start a private redis-server: " + e.getMessage(), e);
    }
  }

  public int port() {
    return port;
  }

  /** {@code redis://127.0.0.1:PORT}. */
  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Stops the server abruptly (SIGKILL), as a crash would. */
  public void stop() {
    if (process != null) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
  }

  /** Starts the server again on the same port. */
  public void restart() {
    stop();
    try {
      launch();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot restart redis-server on port " + port, e);
    }
  }

  /** Sends one command and returns the raw reply line (for {@code CLIENT KILL} and the like). */
  public String command(String... args) {
    return RespClient.command("127.0.0.1", port, args);
  }

  @Override
  public void close() {
    stop();
    try (var files = Files.walk(dir)) {
      files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // A temp directory left behind is harmless.
    }
  }

  private void launch() throws IOException {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(
        List.of(
            "--port", String.valueOf(port),
            "--bind", "127.0.0.1",
            "--save", "",
            "--appendonly", "no",
            "--dir", dir.toString()));
    command.addAll(extraArgs);
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("redis.log").toFile())
            .start();
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(
            "redis-server exited at once: " + Files.readString(dir.resolve("redis.log")));
      }
      try {
        String reply = RespClient.command("127.0.0.1", port, "PING");
        // A server started with --requirepass answers NOAUTH, which proves it is up as well.
        if (reply.contains("PONG") || reply.startsWith("-NOAUTH")) {
          return;
        }
      } catch (IllegalStateException notYet) {
        // Not listening yet; try again shortly.
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("Interrupted while waiting for redis-server", e);
      }
    }
    // Leave no server behind when it never became ready: nobody would stop it later.
    process.destroyForcibly();
    throw new IOException("redis-server did not answer PING on port " + port + " within 10s");
  }

  private static Path findBinary() {
    String configured = System.getenv("REDIS_SERVER_BIN");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path candidate = Path.of(dir, "redis-server");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "redis-server was not found on the PATH; install it (apt-get install redis-server) or set"
            + " REDIS_SERVER_BIN");
  }

  /** A port that was free a moment ago. */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  /** Just enough RESP to send a command without a client library. */
  static final class RespClient {
    private RespClient() {}

    static String command(String host, int port, String... args) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host, port), 1000);
        socket.setSoTimeout(5000);
        StringBuilder request = new StringBuilder("*").append(args.length).append("\r\n");
        for (String arg : args) {
          byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
          request.append('$').append(bytes.length).append("\r\n").append(arg).append("\r\n");
        }
        OutputStream out = socket.getOutputStream();
        out.write(request.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
          line.append((char) c);
        }
        return line.toString().trim();
      } catch (IOException e) {
        throw new IllegalStateException(
            "Redis at " + host + ":" + port + " did not answer: " + e.getMessage(), e);
      }
    }
  }
}
