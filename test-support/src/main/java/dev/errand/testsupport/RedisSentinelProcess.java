package dev.errand.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A private Redis Sentinel setup: a master, one replica and three sentinels (quorum 2), each a
 * {@code redis-server} on a free port of its own, for tests of Errand behind Sentinel and of a
 * failover.
 *
 * <pre>{@code
 * try (RedisSentinelProcess sentinel = RedisSentinelProcess.start()) {
 *   String url = sentinel.url();   // redis-sentinel://127.0.0.1:S1,127.0.0.1:S2,127.0.0.1:S3#errand
 *   int old = sentinel.killMaster();               // SIGKILL, as a crash
 *   int promoted = sentinel.awaitFailover(old);   // the replica is the master now
 * }
 * }</pre>
 *
 * <p>{@link #start} returns once the replica is in sync and every sentinel knows the master, the
 * replica and the two other sentinels. The sentinels mark the master down after {@value
 * #DOWN_AFTER_MILLIS} ms, so a failover takes a few seconds. Persistence is off. Every process is
 * killed on close and, should a test never close it, when the JVM exits.
 */
public final class RedisSentinelProcess implements AutoCloseable {

  /** How long the master may be unreachable before the sentinels consider it down. */
  public static final int DOWN_AFTER_MILLIS = 1000;

  private static final String MASTER_NAME = "errand";
  private static final int FAILOVER_TIMEOUT_MILLIS = 3000;
  private static final int SENTINELS = 3;
  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);

  private final RedisNodes nodes;
  private final List<Integer> serverPorts;
  private final List<Integer> sentinelPorts;

  private RedisSentinelProcess(RedisNodes nodes, List<Integer> ports) {
    this.nodes = nodes;
    int servers = ports.size() - SENTINELS;
    this.serverPorts = List.copyOf(ports.subList(0, servers));
    this.sentinelPorts = List.copyOf(ports.subList(servers, ports.size()));
  }

  /**
   * Starts the master and its replica, waits for the replica to sync, then starts the sentinels and
   * waits until they all know the whole setup.
   *
   * @throws IllegalStateException when a process does not come up or the setup does not settle,
   *     with the log tails; nothing is left running then
   */
  public static RedisSentinelProcess start() {
    return start(1);
  }

  /**
   * As {@link #start()}, with {@code replicas} replicas of the master: two keep one replica after a
   * failover, as setups that want every write on a second server need.
   */
  public static RedisSentinelProcess start(int replicas) {
    if (replicas < 1) {
      throw new IllegalArgumentException("Sentinel needs at least one replica, got " + replicas);
    }
    return RedisNodes.startOrClean(
        "errand-redis-sentinel-",
        nodes -> {
          RedisSentinelProcess setup =
              new RedisSentinelProcess(nodes, FreePorts.many(1 + replicas + SENTINELS));
          setup.launch();
          return setup;
        });
  }

  private void launch() {
    int master = serverPorts.get(0);
    List<Integer> replicas = serverPorts.subList(1, serverPorts.size());
    List<RedisNode> servers = new ArrayList<>(List.of(server(master, List.of())));
    for (int replica : replicas) {
      servers.add(server(replica, List.of("--replicaof", "127.0.0.1", String.valueOf(master))));
    }
    nodes.launch(servers);
    Processes.await(
        "the replicas on " + replicas + " to sync with the master on " + master,
        SETTLE_TIMEOUT,
        () -> Optional.of(true).filter(ok -> replicas.stream().allMatch(nodes::replicaInSync)),
        nodes::logTails);
    nodes.launch(sentinelPorts.stream().map(this::sentinel).toList());
    Processes.await(
        "the sentinels to know the master, its replica and each other",
        SETTLE_TIMEOUT,
        () ->
            Optional.of(true).filter(ok -> sentinelPorts.stream().allMatch(this::knowsEverything)),
        nodes::logTails);
  }

  private RedisNode server(int port, List<String> options) {
    List<String> all = new ArrayList<>(options);
    // A replica syncs at once instead of after the default 5 s wait for more replicas.
    all.addAll(List.of("--repl-diskless-sync-delay", "0"));
    return nodes.node("redis-server", port, all);
  }

  private RedisNode sentinel(int port) {
    Path dir = nodes.dirFor(port);
    Path config = dir.resolve("sentinel.conf");
    try {
      // Sentinel rewrites its configuration file as it learns, so each has its own, writable.
      Files.writeString(
          config,
          String.join(
              "\n",
              "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + serverPorts.get(0) + " 2",
              "sentinel down-after-milliseconds " + MASTER_NAME + " " + DOWN_AFTER_MILLIS,
              "sentinel failover-timeout " + MASTER_NAME + " " + FAILOVER_TIMEOUT_MILLIS,
              "sentinel parallel-syncs " + MASTER_NAME + " 1",
              ""));
    } catch (IOException e) {
      throw new IllegalStateException("Cannot write " + config + ": " + e.getMessage(), e);
    }
    List<String> args = new ArrayList<>(List.of(config.toString(), "--sentinel"));
    args.addAll(List.of("--port", String.valueOf(port)));
    args.addAll(RedisNode.baseArgs(dir));
    return RedisNode.plain("sentinel", dir, port, args);
  }

  private boolean knowsEverything(int sentinelPort) {
    Map<String, String> master = pairs(command(sentinelPort, "SENTINEL", "MASTER", MASTER_NAME));
    return String.valueOf(serverPorts.get(0)).equals(master.get("port"))
        && String.valueOf(serverPorts.size() - 1).equals(master.get("num-slaves"))
        && String.valueOf(SENTINELS - 1).equals(master.get("num-other-sentinels"));
  }

  /** The name the sentinels monitor the master under. */
  public String masterName() {
    return MASTER_NAME;
  }

  /**
   * Lettuce's Sentinel URL: {@code redis-sentinel://127.0.0.1:S1,127.0.0.1:S2,127.0.0.1:S3#errand}
   * (the fragment names the master).
   */
  public String url() {
    return "redis-sentinel://"
        + sentinelPorts.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","))
        + "#"
        + MASTER_NAME;
  }

  /** The sentinels' ports. */
  public List<Integer> sentinelPorts() {
    return sentinelPorts;
  }

  /** The ports of the data servers: the first master, then its replicas. */
  public List<Integer> serverPorts() {
    return serverPorts;
  }

  /**
   * The master's port, as a running sentinel reports it ({@code SENTINEL get-master-addr-by-name}).
   */
  public int masterPort() {
    return reportedMaster(liveSentinels().get(0));
  }

  /**
   * Kills the master abruptly (SIGKILL), as a crash would.
   *
   * @return the port of the killed master
   */
  public int killMaster() {
    int port = masterPort();
    kill(port);
    return port;
  }

  /** Kills the server or sentinel on {@code port} abruptly (SIGKILL), as a crash would. */
  public void kill(int port) {
    nodes.node(port).kill();
  }

  /**
   * Waits until every running sentinel reports the same master other than {@code oldMasterPort} and
   * that server says it is a master.
   *
   * @return the port of the new master
   * @throws IllegalStateException when no failover happened in time, with the log tails
   */
  public int awaitFailover(int oldMasterPort) {
    return Processes.await(
        "the sentinels to promote a new master in place of " + oldMasterPort,
        SETTLE_TIMEOUT,
        () -> {
          Set<Integer> reported = new HashSet<>();
          liveSentinels().forEach(port -> reported.add(reportedMaster(port)));
          if (reported.size() != 1 || reported.contains(oldMasterPort)) {
            return Optional.empty();
          }
          int promoted = reported.iterator().next();
          return command(promoted, "ROLE").startsWith("master")
              ? Optional.of(promoted)
              : Optional.empty();
        },
        nodes::logTails);
  }

  public boolean isRunning(int port) {
    return nodes.node(port).isRunning();
  }

  /**
   * Sends one command through {@code redis-cli} to the server or sentinel on {@code port}; its
   * reply as text.
   */
  public String command(int port, String... args) {
    return nodes.command(port, args);
  }

  @Override
  public void close() {
    nodes.close();
  }

  private List<Integer> liveSentinels() {
    List<Integer> live = sentinelPorts.stream().filter(this::isRunning).toList();
    if (live.isEmpty()) {
      throw new IllegalStateException("No sentinel is running");
    }
    return live;
  }

  private int reportedMaster(int sentinelPort) {
    List<String> address =
        command(sentinelPort, "SENTINEL", "get-master-addr-by-name", MASTER_NAME).lines().toList();
    if (address.size() != 2) {
      throw new IllegalStateException(
          "The sentinel on " + sentinelPort + " does not know the master: " + address);
    }
    return Integer.parseInt(address.get(1).strip());
  }

  /** A flat reply of alternating names and values, as redis-cli prints it one item a line. */
  private static Map<String, String> pairs(String reply) {
    List<String> items = reply.lines().map(String::strip).toList();
    Map<String, String> pairs = new HashMap<>();
    for (int i = 0; i + 1 < items.size(); i += 2) {
      pairs.put(items.get(i), items.get(i + 1));
    }
    return pairs;
  }
}
