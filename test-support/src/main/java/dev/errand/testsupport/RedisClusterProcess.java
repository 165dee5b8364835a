package dev.errand.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A private Redis Cluster: {@code masters} masters with {@code replicasPerMaster} replicas each,
 * every node a {@code redis-server} on a free port of its own, for tests of Errand on a cluster and
 * of what happens when a node crashes.
 *
 * <pre>{@code
 * try (RedisClusterProcess cluster = RedisClusterProcess.start(3, 1)) {
 *   String url = cluster.url();   // redis-cluster://127.0.0.1:P1,127.0.0.1:P2,...
 *   int master = cluster.masterPortForKey("{jobs}ready");
 *   cluster.kill(master);         // SIGKILL, as a crash
 *   int promoted = cluster.awaitFailover(master);   // its replica serves its slots now
 * }
 * }</pre>
 *
 * <p>{@link #start} returns once every node reports {@code cluster_state:ok} with all 16384 slots
 * served and every replica is in sync with its master. Nodes use a short {@code
 * cluster-node-timeout} ({@value #NODE_TIMEOUT_MILLIS} ms), so a killed master is replaced within a
 * few seconds. Persistence is off. Every node is killed on close and, should a test never close the
 * cluster, when the JVM exits.
 */
public final class RedisClusterProcess implements AutoCloseable {

  /** How long a node may be unreachable before the cluster fails it over. */
  public static final int NODE_TIMEOUT_MILLIS = 3000;

  private static final Duration FORM_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(30);

  private final RedisNodes nodes;
  private final int masterCount;
  private final int replicasPerMaster;
  private final Map<Integer, List<Integer>> replicasOfKilledMasters = new HashMap<>();

  private RedisClusterProcess(RedisNodes nodes, int masterCount, int replicasPerMaster) {
    this.nodes = nodes;
    this.masterCount = masterCount;
    this.replicasPerMaster = replicasPerMaster;
  }

  /**
   * Starts the nodes, creates the cluster with {@code redis-cli --cluster create} and waits until
   * it serves every slot.
   *
   * @param masters how many masters share the slots, at least 3
   * @param replicasPerMaster how many replicas each master has, 0 or more
   * @throws IllegalStateException when a node does not come up or the cluster does not form, with
   *     the nodes' log tails; nothing is left running then
   */
  public static RedisClusterProcess start(int masters, int replicasPerMaster) {
    if (masters < 3) {
      throw new IllegalArgumentException(
          "A Redis Cluster needs at least 3 masters, not " + masters);
    }
    if (replicasPerMaster < 0) {
      throw new IllegalArgumentException("replicasPerMaster must be 0 or more");
    }
    return RedisNodes.startOrClean(
        "errand-redis-cluster-",
        nodes -> {
          RedisClusterProcess cluster = new RedisClusterProcess(nodes, masters, replicasPerMaster);
          cluster.create();
          return cluster;
        });
  }

  private void create() {
    List<Integer> ports = FreePorts.withBusPorts(masterCount * (1 + replicasPerMaster));
    nodes.launch(ports.stream().map(this::clusterNode).toList());
    List<String> create = new ArrayList<>(List.of("--cluster", "create"));
    ports.forEach(port -> create.add("127.0.0.1:" + port));
    create.addAll(
        List.of("--cluster-replicas", String.valueOf(replicasPerMaster), "--cluster-yes"));
    try {
      Processes.cli(ports.get(0), List.of(), create.toArray(String[]::new));
    } catch (IllegalStateException e) {
      throw new IllegalStateException(
          "redis-cli --cluster create failed: " + e.getMessage() + "\n" + nodes.logTails(), e);
    }
    Processes.await(
        "the cluster of " + ports.size() + " nodes to form",
        FORM_TIMEOUT,
        this::formed,
        this::diagnostics);
  }

  private RedisNode clusterNode(int port) {
    return nodes.node(
        "cluster node",
        port,
        List.of(
            "--cluster-enabled",
            "yes",
            "--cluster-config-file",
            nodes.dirFor(port).resolve("nodes.conf").toString(),
            "--cluster-node-timeout",
            String.valueOf(NODE_TIMEOUT_MILLIS),
            // Replicas sync at once instead of after the default 5 s wait for more replicas.
            "--repl-diskless-sync-delay",
            "0"));
  }

  private Optional<Boolean> formed() {
    int total = nodes.ports().size();
    for (int port : nodes.ports()) {
      Map<String, String> info = RedisNodes.fields(command(port, "CLUSTER", "INFO"));
      if (!ClusterView.isOk(info)
          || !String.valueOf(total).equals(info.get("cluster_known_nodes"))) {
        return Optional.empty();
      }
    }
    List<Integer> replicas = view(nodes.anyLivePort()).replicaPorts();
    boolean synced =
        replicas.size() == masterCount * replicasPerMaster
            && replicas.stream().allMatch(nodes::replicaInSync);
    return synced ? Optional.of(true) : Optional.empty();
  }

  /** The ports of all nodes, masters and replicas, in the order they were created. */
  public List<Integer> ports() {
    return nodes.ports();
  }

  /** The ports of the masters that serve slots now, as a running node sees the cluster. */
  public List<Integer> masters() {
    return view(nodes.anyLivePort()).masterPorts();
  }

  /** The ports of the replicas of the master on {@code masterPort}, as a running node sees it. */
  public List<Integer> replicasOf(int masterPort) {
    nodes.node(masterPort);
    return view(nodes.anyLivePort()).replicasOf(masterPort);
  }

  /**
   * Errand's cluster URL with every node as a seed: {@code
   * redis-cluster://127.0.0.1:P1,127.0.0.1:P2,...}.
   */
  public String url() {
    return "redis-cluster://"
        + nodes.ports().stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
  }

  /** The hash slot of {@code key} (hash tags count), as the cluster computes it. */
  public int slotOf(String key) {
    return Integer.parseInt(command(nodes.anyLivePort(), "CLUSTER", "KEYSLOT", key));
  }

  /** The port of the master that serves {@code key}'s slot now. */
  public int masterPortForKey(String key) {
    int slot = slotOf(key);
    ClusterView view = view(nodes.anyLivePort());
    return view.masterServing(slot)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "No master serves slot " + slot + " of key '" + key + "': " + view));
  }

  /**
   * Kills the node on {@code port} abruptly (SIGKILL), as a crash would. A killed master's replicas
   * are remembered for {@link #awaitFailover}.
   */
  public void kill(int port) {
    RedisNode node = nodes.node(port);
    if (node.isRunning() && masters().contains(port)) {
      replicasOfKilledMasters.put(port, replicasOf(port));
    }
    node.kill();
  }

  public boolean isRunning(int port) {
    return nodes.node(port).isRunning();
  }

  /**
   * Waits until one of the replicas of the master killed on {@code deadMasterPort} is a master in
   * every running node's view and each of them reports {@code cluster_state:ok}.
   *
   * @return the port of the promoted replica
   * @throws IllegalStateException when the master was not killed with {@link #kill}, had no
   *     replica, or no replica took over in time (with the cluster's view and the nodes' log tails)
   */
  public int awaitFailover(int deadMasterPort) {
    List<Integer> candidates = replicasOfKilledMasters.get(deadMasterPort);
    if (candidates == null) {
      throw new IllegalStateException(
          "The master on port " + deadMasterPort + " was not killed with kill(int)");
    }
    if (candidates.isEmpty()) {
      throw new IllegalStateException(
          "The master on port " + deadMasterPort + " had no replica to take over its slots");
    }
    return Processes.await(
        "a replica " + candidates + " of the master on " + deadMasterPort + " to take over",
        FAILOVER_TIMEOUT,
        () -> promotedAmong(candidates),
        this::diagnostics);
  }

  private Optional<Integer> promotedAmong(List<Integer> candidates) {
    Integer promoted = null;
    for (int port : nodes.livePorts()) {
      if (!ClusterView.isOk(RedisNodes.fields(command(port, "CLUSTER", "INFO")))) {
        return Optional.empty();
      }
      Optional<Integer> seen = view(port).masterAmong(candidates);
      if (seen.isEmpty() || (promoted != null && !promoted.equals(seen.get()))) {
        return Optional.empty();
      }
      promoted = seen.get();
    }
    return Optional.ofNullable(promoted);
  }

  /**
   * Sends one command through {@code redis-cli} to the node on {@code port}; its reply as text
   * (error replies such as {@code MOVED ...} too).
   */
  public String command(int port, String... args) {
    return nodes.command(port, args);
  }

  /** Sends one command through {@code redis-cli -c}, which follows the cluster's redirections. */
  public String clusterCommand(String... args) {
    return Processes.cli(nodes.anyLivePort(), List.of("-c"), args).strip();
  }

  @Override
  public void close() {
    nodes.close();
  }

  private ClusterView view(int port) {
    return ClusterView.parse(command(port, "CLUSTER", "NODES"));
  }

  private String diagnostics() {
    String view;
    try {
      int port = nodes.anyLivePort();
      view = "CLUSTER NODES as " + port + " sees it:\n" + command(port, "CLUSTER", "NODES");
    } catch (RuntimeException e) {
      view = "(no view of the cluster: " + e.getMessage() + ")";
    }
    return view + "\n" + nodes.logTails();
  }
}
