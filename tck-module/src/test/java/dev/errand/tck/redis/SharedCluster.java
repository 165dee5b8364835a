package dev.errand.tck.redis;

import dev.errand.testsupport.RedisClusterProcess;

/**
 * One private Redis Cluster of three masters for every cluster test of a run: forming a cluster
 * takes seconds, and each test works under its own key prefix anyway. test-support stops its nodes
 * when the JVM exits.
 */
final class SharedCluster {

  private static RedisClusterProcess cluster;

  private SharedCluster() {}

  static synchronized String url() {
    return process().url();
  }

  /** The cluster's nodes, for tests that look at each master. */
  static synchronized RedisClusterProcess process() {
    if (cluster == null) {
      cluster = RedisClusterProcess.start(3, 0);
    }
    return cluster;
  }
}
