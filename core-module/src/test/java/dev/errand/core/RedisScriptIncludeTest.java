package dev.errand.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.errand.core.scriptfixture.ScriptFixtures;
import dev.errand.core.scriptfixture.shadow.ShadowFixtures;
import dev.errand.testsupport.TestServers;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How {@code --- @include} lines are resolved, checked by running the result on Redis. */
class RedisScriptIncludeTest {

  private static final String[] NO_KEYS = {};

  private static ErrandRedis redis;

  @BeforeAll
  static void connect() {
    redis = new ErrandRedis(RedisSettings.of(TestServers.redisUrl()));
  }

  @AfterAll
  static void close() {
    redis.close();
  }

  @Test
  void shouldIncludeFragmentsFromTheScriptsOwnFolderAndCoresSharedFolder() {
    RedisScript greeting = RedisScript.load(ScriptFixtures.class, "greeting");
    RedisClusterCommands<String, String> sync = redis.commands();

    List<Object> reply = greeting.run(sync, ScriptOutputType.MULTI, NO_KEYS, "errand");

    List<String> time = sync.time();
    long serverMillis = Long.parseLong(time.get(0)) * 1000 + Long.parseLong(time.get(1)) / 1000;
    assertThat(reply.get(0)).as("greet.lua beside the script").isEqualTo("hello errand");
    assertThat((Long) reply.get(1))
        .as("server-time.lua from core")
        .isCloseTo(serverMillis, within(10_000L));
  }

  @Test
  void shouldIncludeEachFragmentOnceThoughNamedTwice() {
    String greeting = RedisScript.load(ScriptFixtures.class, "greeting").source();
    String nested = RedisScript.load(ScriptFixtures.class, "nested").source();

    assertThat(occurrences(greeting, "local function greet(")).isEqualTo(1);
    assertThat(occurrences(nested, "local function greet(")).isEqualTo(1);
  }

  @Test
  void shouldExpandIncludesInsideFragments() {
    RedisScript nested = RedisScript.load(ScriptFixtures.class, "nested");

    String reply = nested.run(redis.commands(), ScriptOutputType.VALUE, NO_KEYS, "you");

    assertThat(reply).isEqualTo("(hello you)");
    assertThat(nested.source()).doesNotContain("@include").contains("local function inner(");
  }

  @Test
  void shouldPreferAFragmentInTheScriptsOwnFolderToASharedOneOfTheSameName() {
    RedisScript clock = RedisScript.load(ShadowFixtures.class, "clock");

    Long reply = clock.run(redis.commands(), ScriptOutputType.INTEGER, NO_KEYS);

    assertThat(reply).isEqualTo(42L);
  }

  @Test
  void shouldFailToLoadNamingTheScriptAndTheMissingFragment() {
    assertThatThrownBy(() -> RedisScript.load(ScriptFixtures.class, "missing"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("dev/errand/core/scriptfixture/missing.lua")
        .hasMessageContaining("\"absent-fragment\"")
        .hasMessageContaining("dev/errand/core/scriptfixture/absent-fragment.lua")
        .hasMessageContaining("dev/errand/core/redis/absent-fragment.lua");
  }

  @Test
  void shouldFailToLoadWhenIncludesFormACycle() {
    assertThatThrownBy(() -> RedisScript.load(ScriptFixtures.class, "cyclic"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("dev/errand/core/scriptfixture/cyclic.lua")
        .hasMessageContaining("loop-a -> loop-b -> loop-a");
    assertThatThrownBy(() -> RedisScript.load(ScriptFixtures.class, "self"))
        .hasMessageContaining("self.lua")
        .hasMessageContaining("self -> self");
  }

  @Test
  void shouldFailToLoadAnIncludeWithoutAQuotedName() {
    assertThatThrownBy(() -> RedisScript.load(ScriptFixtures.class, "malformed"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("malformed.lua")
        .hasMessageContaining("--- @include \"fragment-name\"");
  }

  @Test
  void shouldFailToLoadAMissingScript() {
    assertThatThrownBy(() -> RedisScript.load(ScriptFixtures.class, "nowhere"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("dev/errand/core/scriptfixture/nowhere.lua");
  }

  private static int occurrences(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1;
  }
}
