package dev.errand.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errand.core.scriptfixture.ScriptFixtures;
import dev.errand.testsupport.RedisServerProcess;
import dev.errand.testsupport.TestServers;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Running scripts by SHA. SCRIPT FLUSH empties the script cache of the whole server, so those tests
 * use a private server rather than the one other tests share.
 */
class RedisScriptTest {

  private static final RedisScript ECHO = RedisScript.load(ScriptFixtures.class, "echo");

  private static RedisServerProcess server;
  private static ErrandRedis privateRedis;

  @BeforeAll
  static void start() {
    server = RedisServerProcess.start();
    privateRedis = new ErrandRedis(RedisSettings.of(server.url()));
  }

  @AfterAll
  static void stop() {
    privateRedis.close();
    server.close();
  }

  @Test
  void shouldHaveTheShaRedisComputesForTheScript() {
    try (ErrandRedis redis = new ErrandRedis(RedisSettings.of(TestServers.redisUrl()))) {
      assertThat(ECHO.source()).contains("é € 😀");
      assertThat(redis.commands().scriptLoad(ECHO.source())).isEqualTo(ECHO.sha());
    }
  }

  @Test
  void shouldSendTheScriptOnFirstRunSoTheServerKnowsItsSha() {
    RedisClusterCommands<String, String> sync = privateRedis.commands();
    sync.scriptFlush();

    List<String> reply = ECHO.run(sync, ScriptOutputType.MULTI, new String[] {"k"}, "first");

    assertThat(reply).containsExactly("k", "first");
    assertThat(sync.scriptExists(ECHO.sha())).containsExactly(true);
  }

  @Test
  void shouldResendTheScriptAfterScriptFlush() {
    RedisClusterCommands<String, String> sync = privateRedis.commands();
    ECHO.run(sync, ScriptOutputType.MULTI, new String[] {"k"}, "before");
    assertThat(sync.scriptExists(ECHO.sha())).containsExactly(true);

    sync.scriptFlush();
    List<String> reply = ECHO.run(sync, ScriptOutputType.MULTI, new String[] {"k"}, "after");

    assertThat(reply).containsExactly("k", "after");
    assertThat(sync.scriptExists(ECHO.sha())).containsExactly(true);
  }

  @Test
  void shouldResendTheScriptAfterScriptFlushWhenRunAsync() throws Exception {
    var async = privateRedis.asyncCommands();
    ECHO.runAsync(async, ScriptOutputType.MULTI, new String[] {"k"}, "before")
        .get(5, TimeUnit.SECONDS);

    privateRedis.commands().scriptFlush();
    List<String> reply =
        ECHO.<List<String>>runAsync(async, ScriptOutputType.MULTI, new String[] {"k"}, "after")
            .get(5, TimeUnit.SECONDS);

    assertThat(reply).containsExactly("k", "after");
    assertThat(privateRedis.commands().scriptExists(ECHO.sha())).containsExactly(true);
  }

  @Test
  void shouldKeepLettucesExceptionWhenTheScriptFails() {
    RedisScript failing = RedisScript.load(ScriptFixtures.class, "failing");
    assertThatThrownBy(
            () -> failing.run(privateRedis.commands(), ScriptOutputType.STATUS, new String[0]))
        .isInstanceOf(RedisCommandExecutionException.class)
        .hasMessageContaining("ERRAND the script says no");
    assertThatThrownBy(
            () ->
                failing
                    .runAsync(privateRedis.asyncCommands(), ScriptOutputType.STATUS, new String[0])
                    .get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(RedisCommandExecutionException.class)
        .hasMessageContaining("ERRAND the script says no");
  }

  @Test
  void shouldNameItselfByNameAndShaPrefix() {
    assertThat(ECHO.name()).isEqualTo("echo");
    assertThat(ECHO.sha()).hasSize(40).matches("[0-9a-f]+");
    assertThat(ECHO).hasToString("RedisScript[echo " + ECHO.sha().substring(0, 8) + "]");
  }
}
