package dev.errand.core;

import dev.errand.core.internal.LuaIncludes;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import io.lettuce.core.api.sync.RedisScriptingCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A Lua script for Redis, read once from the classpath and run by its SHA-1 (EVALSHA). When the
 * server does not know the script (first use, a restart, a failover, SCRIPT FLUSH) it is sent once
 * in full with EVAL, which caches it again. Errors keep lettuce's own exceptions.
 *
 * <p>A line {@code --- @include "fragment-name"} is replaced by the text of {@code
 * fragment-name.lua}, looked up in the script's package folder, then in core's shared folder {@code
 * dev/errand/core/redis/} (which holds {@code server-time}: {@code serverTimeMillis()}). Fragments
 * may include others; each goes in once per script. A missing fragment or an include cycle fails
 * {@link #load}.
 *
 * <pre>{@code
 * private static final RedisScript CLAIM = RedisScript.load(MyStore.class, "claim"); // claim.lua
 *
 * String outcome = CLAIM.run(redis.commands(), ScriptOutputType.VALUE, keys, tick);
 * }</pre>
 *
 * <p>The commands are lettuce's general scripting interfaces, so a Redis Cluster connection's
 * commands fit as well as a standalone one's.
 */
public final class RedisScript {

  private final String name;
  private final String source;
  private final String sha;

  private RedisScript(String name, String source) {
    this.name = name;
    this.source = source;
    this.sha = sha1(source);
  }

  /**
   * Reads {@code name.lua} from the package of {@code anchor}, with its includes expanded.
   *
   * @param anchor a class in the package (and class loader) that holds the script
   * @param name the script's file name without {@code .lua}
   * @throws IllegalStateException when the script or an included fragment is missing, or includes
   *     form a cycle; the message names the script and the fragment
   */
  public static RedisScript load(Class<?> anchor, String name) {
    return new RedisScript(name, LuaIncludes.expand(anchor, name));
  }

  /** The name the script was loaded by, without {@code .lua}. */
  public String name() {
    return name;
  }

  /** The text sent to Redis: the script with its includes expanded. */
  public String source() {
    return source;
  }

  /** The SHA-1 of {@link #source()} in lowercase hex, as SCRIPT LOAD and EVALSHA know it. */
  public String sha() {
    return sha;
  }

  /**
   * Runs the script and waits for its reply, sending it in full if the server answers NOSCRIPT.
   *
   * @param redis sync commands of a standalone or cluster connection
   * @param type how to read the reply, e.g. {@link ScriptOutputType#INTEGER}
   * @param keys the KEYS of the script (an empty array if none)
   * @param args the ARGV of the script
   * @return the reply, of the Java type {@code type} gives
   */
  public <T> T run(
      RedisScriptingCommands<String, String> redis,
      ScriptOutputType type,
      String[] keys,
      String... args) {
    try {
      return redis.evalsha(sha, type, keys, args);
    } catch (RedisNoScriptException e) {
      return redis.eval(source, type, keys, args);
    }
  }

  /**
   * Runs the script without waiting, sending it in full if the server answers NOSCRIPT.
   *
   * @param redis async commands of a standalone or cluster connection
   * @param type how to read the reply, e.g. {@link ScriptOutputType#MULTI}
   * @param keys the KEYS of the script (an empty array if none)
   * @param args the ARGV of the script
   * @return the reply; on failure, completed with lettuce's exception
   */
  public <T> CompletableFuture<T> runAsync(
      RedisScriptingAsyncCommands<String, String> redis,
      ScriptOutputType type,
      String[] keys,
      String... args) {
    return redis
        .<T>evalsha(sha, type, keys, args)
        .toCompletableFuture()
        .exceptionallyCompose(
            error -> {
              Throwable cause = error instanceof CompletionException ? error.getCause() : error;
              if (cause instanceof RedisNoScriptException) {
                return redis.<T>eval(source, type, keys, args).toCompletableFuture();
              }
              return CompletableFuture.failedFuture(cause);
            });
  }

  /** The name and the start of the SHA, for logs. */
  @Override
  public String toString() {
    return "RedisScript[" + name + " " + sha.substring(0, 8) + "]";
  }

  private static String sha1(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-1");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is not available in this JVM", e);
    }
  }
}
