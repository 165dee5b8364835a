package dev.errand.core.internal;

import dev.errand.core.Failures;
import dev.errand.core.Health;
import dev.errand.core.RedisSettings;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A Redis Cluster. Lettuce learns the topology from the seed nodes and routes each command to the
 * master of its key's slot; the topology is read again periodically and whenever a redirect, a
 * reconnect or an uncovered slot says it changed (a failover, a resharding).
 */
final class ClusterConnector implements RedisConnector {

  /** How often the topology is read even when nothing says it changed. */
  private static final Duration PERIODIC_REFRESH = Duration.ofSeconds(10);

  private final RedisClusterClient client;
  private final String where;

  ClusterConnector(RedisSettings settings, RedisEndpoints endpoints) {
    List<RedisURI> seeds = new ArrayList<>();
    for (RedisEndpoints.HostAndPort node : endpoints.hosts()) {
      RedisURI.Builder builder =
          RedisURI.Builder.redis(node.host(), node.port()).withTimeout(settings.commandTimeout());
      RedisCredentialsSupport.apply(builder, endpoints);
      RedisURI uri = builder.build();
      RedisTlsOptions.apply(uri, endpoints.tls(), settings.tls());
      seeds.add(uri);
    }
    this.client = RedisClusterClient.create(seeds);
    ClusterClientOptions.Builder options =
        RedisConnector.configure(ClusterClientOptions.builder(), settings);
    options.topologyRefreshOptions(
        ClusterTopologyRefreshOptions.builder()
            .enablePeriodicRefresh(PERIODIC_REFRESH)
            .enableAllAdaptiveRefreshTriggers()
            .build());
    client.setOptions(options.build());
    this.where = "Redis Cluster " + settings.redactedUrl();
  }

  @Override
  public RedisLink connect() {
    return RedisLink.of(client.connect(ExactUtf8Codec.INSTANCE));
  }

  /**
   * The connection to the master of {@code key}'s slot as the topology knows it now. Lettuce keeps
   * one connection per node and address, and routes a slot's writes over that same one, so writes
   * sent here and a WAIT after them share one connection. Asynchronous, as a first use connects,
   * and callers may be on a client I/O thread that must not block.
   */
  @Override
  public CompletableFuture<RedisClusterAsyncCommands<String, String>> asyncCommandsFor(
      RedisLink shared, String key) {
    StatefulRedisClusterConnection<String, String> connection = cluster(shared);
    RedisClusterNode master = connection.getPartitions().getMasterBySlot(SlotHash.getSlot(key));
    if (master == null) {
      return CompletableFuture.failedFuture(
          new RedisConnectionException(
              where + ": no master serves the slot of " + key + " now; it may be failing over"));
    }
    return connection
        .getConnectionAsync(master.getUri().getHost(), master.getUri().getPort())
        .thenApply(StatefulRedisConnection::async);
  }

  @SuppressWarnings("unchecked")
  private static StatefulRedisClusterConnection<String, String> cluster(RedisLink shared) {
    return (StatefulRedisClusterConnection<String, String>) shared.connection();
  }

  /**
   * Plain publish/subscribe messages reach every node of a cluster, so one subscription on any node
   * hears what scripts publish on all of them.
   */
  @Override
  public StatefulRedisPubSubConnection<String, String> connectPubSub() {
    return client.connectPubSub(ExactUtf8Codec.INSTANCE);
  }

  /** Up when every master answers PING: a master that does not leaves its slots' queues stuck. */
  @Override
  public Health health(RedisLink shared, Duration timeout) {
    return Health.check(
        () -> {
          StatefulRedisClusterConnection<String, String> connection = cluster(shared);
          List<String> down = new ArrayList<>();
          int masters = 0;
          for (RedisClusterNode node : connection.getPartitions()) {
            if (!node.is(RedisClusterNode.NodeFlag.UPSTREAM) || node.getSlots().isEmpty()) {
              continue;
            }
            masters++;
            String address = node.getUri().getHost() + ":" + node.getUri().getPort();
            try {
              connection
                  .getConnection(node.getNodeId())
                  .async()
                  .ping()
                  .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
              down.add(
                  "master "
                      + address
                      + " ("
                      + node.getSlots().size()
                      + " slots) did not answer PING: "
                      + Failures.rootMessage(e));
            }
          }
          if (masters == 0) {
            return Health.down(where + ": no master with slots is known");
          }
          return down.isEmpty()
              ? Health.ok(where + ": all " + masters + " masters answered PING")
              : Health.down(where + ": " + String.join("; ", down));
        });
  }

  @Override
  public void shutdown() {
    ClientShutdown.close(client, where, ClientShutdown.WAIT);
  }
}
