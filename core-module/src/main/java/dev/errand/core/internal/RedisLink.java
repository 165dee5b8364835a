package dev.errand.core.internal;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

/**
 * One connection to Redis, whatever the deployment: the commands every Errand module uses exist on
 * a single server and on a cluster alike, and a cluster connection routes each to its key's master.
 *
 * @param connection the lettuce connection, closed with this link
 * @param sync its blocking commands
 * @param async its non-blocking commands
 */
public record RedisLink(
    StatefulConnection<String, String> connection,
    RedisClusterCommands<String, String> sync,
    RedisClusterAsyncCommands<String, String> async)
    implements AutoCloseable {

  static RedisLink of(StatefulRedisConnection<String, String> connection) {
    return new RedisLink(connection, connection.sync(), connection.async());
  }

  static RedisLink of(StatefulRedisClusterConnection<String, String> connection) {
    return new RedisLink(connection, connection.sync(), connection.async());
  }

  @Override
  public void close() {
    connection.close();
  }
}
