package dev.errand.queue.internal.shard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueueShardsTest {

  @Test
  void shouldNameShardsSoThatTheirQueueAndPlaceCanBeReadBack() {
    QueueShards shards = QueueShards.of(Map.of("events", 3));
    assertThat(shards.physical("events")).containsExactly("events#0/3", "events#1/3", "events#2/3");
    assertThat(shards.physical("email")).containsExactly("email");
    assertThat(QueueShards.logical("events#2/3")).isEqualTo("events");
    assertThat(QueueShards.logical("email")).isEqualTo("email");
    assertThat(QueueShards.parse("events#2/3")).contains(new QueueShards.Shard(2, 3));
    assertThat(QueueShards.parse("email")).isEmpty();
    assertThat(QueueShards.parse("events#3/3")).isEmpty();
    assertThat(shards.count("events#1/3")).as("a shard's own name is not sharded again").isOne();
  }

  /**
   * Which shard an id belongs to is stored nowhere: every process, version after version, must
   * compute the same one, or jobs already stored would be looked for in the wrong shard. These
   * values pin the function; changing it strands the jobs of every sharded queue.
   */
  @Test
  void shouldPickTheSameShardForAnIdInEveryVersion() {
    assertThat(QueueShards.indexOf("order-1", 3)).isEqualTo(2);
    assertThat(QueueShards.indexOf("order-2", 3)).isEqualTo(1);
    assertThat(QueueShards.indexOf("invoice-2026-0042", 3)).isEqualTo(2);
    assertThat(QueueShards.indexOf("tenant-7", 64)).isEqualTo(10);
  }

  @Test
  void shouldSpreadIdsThatDifferOnlyAtTheEndOverEveryShard() {
    int[] perShard = new int[3];
    for (int i = 0; i < 3000; i++) {
      perShard[QueueShards.indexOf("order-" + i, 3)]++;
    }
    for (int count : perShard) {
      assertThat(count).isBetween(900, 1100);
    }
  }

  @Test
  void shouldMakeIdsThatAreUniqueAndNeverPlainNumbers() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String id = QueueShards.newId();
      assertThat(id.chars().allMatch(Character::isDigit)).isFalse();
      ids.add(id);
    }
    assertThat(ids).hasSize(10_000);
  }
}
