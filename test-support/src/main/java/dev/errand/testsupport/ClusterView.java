package dev.errand.testsupport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The cluster as one node reports it ({@code CLUSTER NODES}, {@code CLUSTER INFO}): which nodes are
 * masters serving slots, whose replica each replica is, which master serves a slot. Apart from
 * {@link RedisClusterProcess}, which starts, kills and waits for the nodes, because reading a view
 * means knowing Redis's reply format and which flags count: a node flagged as failing is neither a
 * master nor a replica here.
 */
final class ClusterView {

  private static final int SLOTS = 16384;

  private final List<Node> nodes;

  private ClusterView(List<Node> nodes) {
    this.nodes = nodes;
  }

  /** The view in a {@code CLUSTER NODES} reply. */
  static ClusterView parse(String clusterNodes) {
    return new ClusterView(clusterNodes.lines().map(Node::parse).toList());
  }

  /** Whether a {@code CLUSTER INFO} reply says the cluster is ok with all 16384 slots served. */
  static boolean isOk(Map<String, String> clusterInfo) {
    return "ok".equals(clusterInfo.get("cluster_state"))
        && String.valueOf(SLOTS).equals(clusterInfo.get("cluster_slots_ok"));
  }

  /** The ports of the replicas that are not failing, in the reply's order. */
  List<Integer> replicaPorts() {
    return nodes.stream().filter(Node::isReplica).map(Node::port).toList();
  }

  /** The ports of the masters that serve slots, sorted. */
  List<Integer> masterPorts() {
    return nodes.stream().filter(Node::servesSlots).map(Node::port).sorted().toList();
  }

  /** The ports of the replicas of the master on {@code masterPort}, sorted. */
  List<Integer> replicasOf(int masterPort) {
    String masterId =
        nodes.stream()
            .filter(n -> n.port() == masterPort)
            .map(Node::id)
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("No node on port " + masterPort));
    return nodes.stream()
        .filter(n -> n.isReplica() && n.masterId().equals(masterId))
        .map(Node::port)
        .sorted()
        .toList();
  }

  /** The port of the master that serves {@code slot}, if one does. */
  Optional<Integer> masterServing(int slot) {
    return nodes.stream()
        .filter(n -> n.servesSlots() && n.serves(slot))
        .map(Node::port)
        .findFirst();
  }

  /** The first of {@code candidates} that serves slots as a master, if any does. */
  Optional<Integer> masterAmong(List<Integer> candidates) {
    return nodes.stream()
        .filter(n -> n.servesSlots() && candidates.contains(n.port()))
        .map(Node::port)
        .findFirst();
  }

  /** Each node's port and flags, for errors. */
  @Override
  public String toString() {
    return nodes.toString();
  }

  /** One line of {@code CLUSTER NODES}. */
  private record Node(
      String id, int port, Set<String> flags, String masterId, List<int[]> slotRanges) {

    static Node parse(String line) {
      String[] parts = line.strip().split(" ");
      String address = parts[1].split("@")[0];
      int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
      List<int[]> ranges = new ArrayList<>();
      for (String slots : Arrays.asList(parts).subList(8, parts.length)) {
        if (!slots.startsWith("[")) { // [slot->-id] marks a slot being migrated
          String[] bounds = slots.split("-");
          ranges.add(
              new int[] {Integer.parseInt(bounds[0]), Integer.parseInt(bounds[bounds.length - 1])});
        }
      }
      return new Node(parts[0], port, Set.of(parts[2].split(",")), parts[3], ranges);
    }

    boolean isReplica() {
      return flags.contains("slave") && !failing();
    }

    /** A master that is not failing and serves at least one slot. */
    boolean servesSlots() {
      return flags.contains("master") && !failing() && !slotRanges.isEmpty();
    }

    boolean serves(int slot) {
      return slotRanges.stream().anyMatch(r -> r[0] <= slot && slot <= r[1]);
    }

    private boolean failing() {
      return flags.contains("fail") || flags.contains("fail?");
    }

    @Override
    public String toString() {
      return port + " " + String.join(",", flags);
    }
  }
}
