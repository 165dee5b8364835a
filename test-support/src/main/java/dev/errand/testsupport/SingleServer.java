package dev.errand.testsupport;

/**
 * What a private server of one process offers: its port, a crash and a restart on the same port,
 * and close, which kills it and deletes its files.
 */
abstract class SingleServer implements AutoCloseable {

  private final RedisNodes nodes;
  private final RedisNode node;

  SingleServer(RedisNodes nodes, RedisNode node) {
    this.nodes = nodes;
    this.node = node;
  }

  public int port() {
    return node.port();
  }

  public boolean isRunning() {
    return node.isRunning();
  }

  /** Stops the server abruptly (SIGKILL), as a crash would. */
  public void stop() {
    node.kill();
  }

  /** Starts the server again on the same port, with the same options. */
  public void restart() {
    stop();
    node.launch();
  }

  @Override
  public void close() {
    nodes.close();
  }
}
