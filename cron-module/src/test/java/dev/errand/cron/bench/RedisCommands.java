package dev.errand.cron.bench;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

/** Reads how many commands the Redis server has processed, for the idle cost. */
final class RedisCommands implements AutoCloseable {

  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;

  RedisCommands(String url) {
    this.client = RedisClient.create(url);
    this.connection = client.connect();
  }

  /** The server's total_commands_processed, less the INFO call reading it. */
  long total() {
    for (String line : connection.sync().info("stats").split("\r?\n")) {
      if (line.startsWith("total_commands_processed:")) {
        return Long.parseLong(line.substring(line.indexOf(':') + 1).trim()) - 1;
      }
    }
    throw new IllegalStateException("INFO stats gave no total_commands_processed");
  }

  @Override
  public void close() {
    connection.close();
    client.shutdown();
  }
}
