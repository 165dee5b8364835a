package dev.errand.postgres.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The names under one table prefix: tables, the sequence, the migration history and the
 * notification channels. {@link #sql} writes them into statements as {@code {job}}, {@code {log}},
 * {@code {queue}}, {@code {group}}, {@code {dedup}}, {@code {checkpoint}}, {@code {minute}}, {@code
 * {process}}, {@code {seq}} and the workflow tables {@code {workflow}}, {@code {wf_step}}, {@code
 * {wf_edge}}, {@code {wf_todo}} and {@code {wf_release}}.
 */
record Tables(String prefix) {

  private static final Pattern VALID = Pattern.compile("[a-z_][a-z0-9_]{0,29}");

  /**
   * Statements already written, per prefix: the hot path prepares the same few for every fetch and
   * acknowledgement, and writing one costs a pass over it per name. Bounded, in case a caller ever
   * builds statements with values in them.
   */
  private static final Map<String, Map<String, String>> WRITTEN = new ConcurrentHashMap<>();

  private static final int MOST_WRITTEN = 1024;

  Tables {
    if (prefix == null || !VALID.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "JOBS_TABLE_PREFIX '"
              + prefix
              + "' is not allowed: use 1 to 30 lower-case letters, digits or '_', starting with a"
              + " letter or '_' (default errand_)");
    }
  }

  String job() {
    return prefix + "job";
  }

  String history() {
    return prefix + "queue_schema_history";
  }

  /** Idle workers' wake-ups; the payload is the queue. */
  String wakeChannel() {
    return prefix + "queue_wake";
  }

  /** Job events; the payload is a JSON batch (see {@link EventCodec}). */
  String eventChannel() {
    return prefix + "queue_events";
  }

  /** Cancellations; the payload is the queue, a space and the job id. */
  String cancelChannel() {
    return prefix + "queue_cancel";
  }

  String sql(String template) {
    Map<String, String> written = WRITTEN.computeIfAbsent(prefix, p -> new ConcurrentHashMap<>());
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
