package dev.errand.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A private PostgreSQL server for fault tests: its own data directory and free port, made with the
 * installed {@code initdb} and run with {@code pg_ctl}, so a test can stop it abruptly and start it
 * again without touching the shared server. As root (PostgreSQL refuses to run as root) it runs as
 * the {@code postgres} user through {@code runuser}. Trust authentication, user {@code postgres}.
 */
public final class PostgresServer implements AutoCloseable {

  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

  private final Path bin;
  private final Path dir;
  private final int port;
  private final boolean asPostgresUser;

  private PostgresServer(Path bin, Path dir, int port, boolean asPostgresUser) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.asPostgresUser = asPostgresUser;
  }

  /** Creates a cluster in a temporary directory and starts it. */
  public static PostgresServer start() {
    Path bin = binaries();
    boolean root = "root".equals(System.getProperty("user.name"));
    try {
      Path dir = Files.createTempDirectory("errand-postgres");
      Processes.deleteAtExit(dir);
      if (root) {
        UserPrincipal postgres =
            dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
        Files.setOwner(dir, postgres);
      }
      PostgresServer server = new PostgresServer(bin, dir, FreePorts.one(), root);
      server.run("initdb", "-D", server.data(), "-A", "trust", "-U", "postgres", "--no-sync");
      server.startAgain();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException("Cannot make a private PostgreSQL: " + e.getMessage(), e);
    }
  }

  /** The JDBC URL of its {@code postgres} database. */
  public String url() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  public int port() {
    return port;
  }

  /** Stops the server at once, as a crash would: no checkpoint, clients cut off. */
  public void stopAbruptly() {
    run("pg_ctl", "-D", data(), "-m", "immediate", "-w", "stop");
  }

  /** Starts the server (again) and waits until it accepts connections. */
  public void startAgain() {
    run(
        "pg_ctl",
        "-D",
        data(),
        "-l",
        dir.resolve("server.log").toString(),
        "-o",
        "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off",
        "-w",
        "start");
  }

  /** The end of the server's log, for failure messages. */
  public String logTail() {
    return Processes.tail(dir.resolve("server.log"), 40);
  }

  @Override
  public void close() {
    try {
      stopAbruptly();
    } catch (IllegalStateException alreadyStopped) {
      // Stopped by the test, or never started: nothing to stop.
    }
    Processes.deleteTree(dir);
  }

  private String data() {
    return dir.resolve("data").toString();
  }

  private void run(String program, String... args) {
    List<String> command = new ArrayList<>();
    if (asPostgresUser) {
      command.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    command.add(bin.resolve(program).toString());
    command.addAll(List.of(args));
    Processes.run(command, COMMAND_TIMEOUT);
  }

  /** The newest installed server's programs (Debian keeps them under /usr/lib/postgresql/N/bin). */
  private static Path binaries() {
    Path root = Path.of("/usr/lib/postgresql");
    try (Stream<Path> versions = Files.list(root)) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")))
          .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString())))
          .orElseThrow(() -> new IllegalStateException("no initdb under " + root));
    } catch (IOException | NumberFormatException e) {
      throw new IllegalStateException(
          "Cannot find PostgreSQL's server programs under "
              + root
              + " (install the postgresql package): "
              + e.getMessage(),
          e);
    }
  }
}
