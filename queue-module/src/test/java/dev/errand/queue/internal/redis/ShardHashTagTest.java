package dev.errand.queue.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.queue.internal.shard.QueueShards;
import io.lettuce.core.cluster.SlotHash;
import org.junit.jupiter.api.Test;

class ShardHashTagTest {

  @Test
  void shouldPutEachShardInItsOwnPartOfTheSlotRange() {
    for (int count : new int[] {2, 3, 5, 16, 64}) {
      for (int index = 0; index < count; index++) {
        String tag = QueueKeys.hashTag(QueueShards.shardName("events", index, count));
        int slot = SlotHash.getSlot(tag);
        assertThat(slot)
            .as("slot of shard %d of %d (tag %s)", index, count, tag)
            .isGreaterThanOrEqualTo(SlotHash.SLOT_COUNT * index / count)
            .isLessThan(SlotHash.SLOT_COUNT * (index + 1) / count);
      }
    }
  }

  @Test
  void shouldKeepAnUnshardedQueueUnderItsOwnName() {
    assertThat(QueueKeys.hashTag("email")).isEqualTo("email");
    assertThat(new QueueKeys("errand", "email").base()).isEqualTo("errand:{email}:");
  }
}
