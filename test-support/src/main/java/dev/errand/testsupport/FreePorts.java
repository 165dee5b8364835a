package dev.errand.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for the private servers that were free a moment ago. Apart from {@link Processes}, which
 * runs the servers, because picking a port has rules of its own: a cluster node needs its bus port
 * free as well, and both must stay out of the range the kernel gives outgoing connections.
 */
final class FreePorts {

  /**
   * Cluster ports are drawn below this so that the bus port (port + 10000) stays under Linux's
   * default ephemeral range (32768 and up), where a client's outgoing connection could take it.
   */
  private static final int CLUSTER_PORT_MIN = 15000;

  private static final int CLUSTER_PORT_MAX = 22767;
  private static final int CLUSTER_BUS_OFFSET = 10000;

  private FreePorts() {}

  /** A port that was free a moment ago. */
  static int one() {
    return many(1).get(0);
  }

  /** {@code count} distinct ports that were free a moment ago. */
  static List<Integer> many(int count) {
    List<ServerSocket> held = new ArrayList<>();
    try {
      List<Integer> ports = new ArrayList<>();
      while (ports.size() < count) {
        ServerSocket socket = new ServerSocket(0);
        held.add(socket);
        ports.add(socket.getLocalPort());
      }
      return ports;
    } catch (IOException e) {
      throw new IllegalStateException("Cannot find a free port: " + e.getMessage(), e);
    } finally {
      closeAll(held);
    }
  }

  /**
   * {@code count} distinct ports that were free a moment ago together with their cluster bus ports
   * (port + 10000).
   */
  static List<Integer> withBusPorts(int count) {
    List<ServerSocket> held = new ArrayList<>();
    Set<Integer> ports = new LinkedHashSet<>();
    try {
      for (int attempt = 0; ports.size() < count && attempt < 1000; attempt++) {
        int port = ThreadLocalRandom.current().nextInt(CLUSTER_PORT_MIN, CLUSTER_PORT_MAX + 1);
        if (ports.contains(port)) {
          continue;
        }
        Optional<ServerSocket> client = tryBind(port);
        Optional<ServerSocket> bus = client.flatMap(c -> tryBind(port + CLUSTER_BUS_OFFSET));
        client.ifPresent(held::add);
        bus.ifPresent(held::add);
        if (bus.isPresent()) {
          ports.add(port);
        }
      }
    } finally {
      closeAll(held);
    }
    if (ports.size() < count) {
      throw new IllegalStateException(
          "Found only " + ports.size() + " of " + count + " free port pairs (port, port+10000)");
    }
    return List.copyOf(ports);
  }

  private static Optional<ServerSocket> tryBind(int port) {
    try {
      ServerSocket socket = new ServerSocket();
      try {
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return Optional.of(socket);
      } catch (IOException taken) {
        socket.close();
        return Optional.empty();
      }
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static void closeAll(List<ServerSocket> sockets) {
    for (ServerSocket socket : sockets) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // Closing a listening socket that nobody used cannot matter.
      }
    }
  }
}
