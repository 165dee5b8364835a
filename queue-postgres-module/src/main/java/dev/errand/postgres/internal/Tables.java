package dev.errand.postgres.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The names under one table prefix: tables, the sequence, the migration history and the
 * notification channels (those also under the schema, once known: {@link #scopeChannelsTo}). {@link
 * #sql} writes them into statements as {@code {job}}, {@code {log}}, {@code {queue}}, {@code
 * {group}}, {@code {dedup}}, {@code {checkpoint}}, {@code {minute}}, {@code {process}}, {@code
 * {seq}} and the workflow tables {@code {workflow}}, {@code {wf_step}}, {@code {wf_edge}}, {@code
 * {wf_todo}} and {@code {wf_release}}.
 */
final class Tables {

  private static final Pattern VALID = Pattern.compile("[a-z_][a-z0-9_]{0,29}");

  /**
   * At most this many statements are kept written ({@link #sql}), in case a caller ever builds
   * statements with values in them.
   */
  private static final int MOST_WRITTEN = 1024;

  private final String prefix;

  /**
   * Statements already written: the hot path prepares the same few for every fetch and
   * acknowledgement, and writing one costs a pass over it per name.
   */
  private final Map<String, String> written = new ConcurrentHashMap<>();

  /** What sets this schema's channels apart from other schemas': null until the schema is known. */
  private volatile String channelScope;

  Tables(String prefix) {
    if (prefix == null || !VALID.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "JOBS_TABLE_PREFIX '"
              + prefix
              + "' is not allowed: use 1 to 30 lower-case letters, digits or '_', starting with a"
              + " letter or '_' (default errand_)");
    }
    this.prefix = prefix;
  }

  String prefix() {
    return prefix;
  }

  /**
   * Sets the notification channels apart for the tables' {@code schema}. PostgreSQL has one
   * namespace of channels per database: without this, two applications keeping their queue tables
   * in two schemas under the same prefix would hear each other's wake-ups, job events (a caller
   * waiting for its job given the outcome of the other schema's job of the same id) and
   * cancellations (the other schema's running job of the same id interrupted). The scope is a short
   * hash of the schema's name, so a channel name stays within PostgreSQL's 63 bytes.
   */
  void scopeChannelsTo(String schema) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(schema.getBytes(StandardCharsets.UTF_8));
      channelScope = "_" + HexFormat.of().formatHex(hash, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private String channel(String name) {
    String scope = channelScope;
    if (scope == null) {
      throw new IllegalStateException(
          "The queue's notification channels are used before its schema was checked (prepare)");
    }
    return prefix + name + scope;
  }

  String job() {
    return prefix + "job";
  }

  String history() {
    return prefix + "queue_schema_history";
  }

  /** Idle workers' wake-ups; the payload is the queue. */
  String wakeChannel() {
    return channel("queue_wake");
  }

  /** Job events; the payload is a JSON batch (see {@link EventCodec}). */
  String eventChannel() {
    return channel("queue_events");
  }

  /** Cancellations; the payload is the queue, a space and the job id. */
  String cancelChannel() {
    return channel("queue_cancel");
  }

  String sql(String template) {
    String sql = written.get(template);
    if (sql == null) {
      sql = write(template);
      if (written.size() < MOST_WRITTEN) {
        written.put(template, sql);
      }
    }
    return sql;
  }

  private String write(String template) {
    return template
        .replace("{job}", prefix + "job")
        .replace("{log}", prefix + "job_log")
        .replace("{queue}", prefix + "queue")
        .replace("{group}", prefix + "group_window")
        .replace("{dedup}", prefix + "dedup")
        .replace("{checkpoint}", prefix + "checkpoint")
        .replace("{minute}", prefix + "queue_minute")
        .replace("{process}", prefix + "process")
        .replace("{seq}", prefix + "job_seq")
        .replace("{workflow}", prefix + "workflow")
        .replace("{wf_step}", prefix + "workflow_step")
        .replace("{wf_edge}", prefix + "workflow_edge")
        .replace("{wf_todo}", prefix + "workflow_todo")
        .replace("{wf_release}", prefix + "workflow_release");
  }
}
