package dev.errand.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The nodes of one topology under one temporary directory: started side by side, found by port, all
 * killed and their files deleted on close.
 */
final class RedisNodes implements AutoCloseable {

  private final Path root;
  private final Map<Integer, RedisNode> byPort = new LinkedHashMap<>();

  RedisNodes(String prefix) {
    try {
      this.root = Files.createTempDirectory(prefix);
      Processes.deleteAtExit(root); // should a test never close the topology
    } catch (IOException e) {
      throw new IllegalStateException("Cannot create a directory for " + prefix, e);
    }
  }

  /**
   * Runs {@code start} on a new group and returns what it built; should it fail, every node it
   * started is killed before the error goes on.
   */
  static <T> T startOrClean(String prefix, Function<RedisNodes, T> start) {
    RedisNodes nodes = new RedisNodes(prefix);
    try {
      return start.apply(nodes);
    } catch (RuntimeException e) {
      nodes.close();
      throw e;
    }
  }

  /**
   * A node on {@code port} in {@link #dirFor its directory}, started with {@code --port}, {@link
   * RedisNode#baseArgs} and {@code options}, ready when it answers PING; {@link #launch} starts it.
   */
  RedisNode node(String name, int port, List<String> options) {
    List<String> args = new ArrayList<>(List.of("--port", String.valueOf(port)));
    args.addAll(RedisNode.baseArgs(dirFor(port)));
    args.addAll(options);
    return RedisNode.plain(name, dirFor(port), port, args);
  }

  /** The directory of the node on {@code port}, created if need be. */
  Path dirFor(int port) {
    Path dir = root.resolve(String.valueOf(port));
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot create " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Adds the nodes and starts them side by side, returning once every one is ready. */
  void launch(List<RedisNode> nodes) {
    for (RedisNode node : nodes) {
      byPort.put(node.port(), node);
      node.startProcess();
    }
    for (RedisNode node : nodes) {
      node.awaitReady();
    }
  }

  /** The node on {@code port}. */
  RedisNode node(int port) {
    RedisNode node = byPort.get(port);
    if (node == null) {
      throw new IllegalArgumentException("No node of this topology listens on port " + port);
    }
    return node;
  }

  /** All ports, in the order the nodes were added. */
  List<Integer> ports() {
    return List.copyOf(byPort.keySet());
  }

  /** The ports of the nodes that are running. */
  List<Integer> livePorts() {
    return byPort.values().stream().filter(RedisNode::isRunning).map(RedisNode::port).toList();
  }

  /** The port of some running node, to ask about the topology. */
  int anyLivePort() {
    return livePorts().stream()
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("No node of this topology is running"));
  }

  /** Runs a command through redis-cli on the node on {@code port}; the reply as text. */
  String command(int port, String... args) {
    node(port);
    return Processes.cli(port, List.of(), args).strip();
  }

  /**
   * Whether the replica on {@code port} is in sync with its master ({@code master_link_status:up}).
   */
  boolean replicaInSync(int port) {
    return "up".equals(fields(command(port, "INFO", "replication")).get("master_link_status"));
  }

  /** The {@code name:value} lines of an INFO-like reply ({@code INFO}, {@code CLUSTER INFO}). */
  static Map<String, String> fields(String reply) {
    Map<String, String> fields = new HashMap<>();
    for (String line : reply.lines().map(String::strip).toList()) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        fields.put(line.substring(0, colon), line.substring(colon + 1));
      }
    }
    return fields;
  }

  /** The log tails of all nodes, for errors. */
  String logTails() {
    return byPort.values().stream().map(RedisNode::logTail).collect(Collectors.joining("\n"));
  }

  @Override
  public void close() {
    byPort.values().forEach(RedisNode::close);
    Processes.deleteTree(root);
  }
}
