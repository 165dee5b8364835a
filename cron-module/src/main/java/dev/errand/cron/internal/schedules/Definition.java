package dev.errand.cron.internal.schedules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.errand.cron.Recurrence;
import dev.errand.queue.JobOptions;
import dev.errand.queue.NewJob;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What a schedule runs and when, as stored: the recurrence, the job, its payload as JSON and the
 * job options a schedule keeps. Written as JSON text, which stores keep without reading.
 */
record Definition(
    Recurrence when,
    String queue,
    String name,
    JsonNode payload,
    Integer priority,
    Integer attempts,
    Duration timeout,
    String group,
    Map<String, String> metadata) {

  /** Written as the queue writes payloads: ISO dates, so handlers read them as usual. */
  static final ObjectMapper JSON =
      JsonMapper.builder()
          .addModule(new Jdk8Module())
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
          .build();

  static Definition of(
      String id, Recurrence when, String queue, String name, Object payload, JobOptions options) {
    if (options.jobId().isPresent()
        || options.delay().isPresent()
        || options.runAt().isPresent()
        || options.backoff().isPresent()
        || options.removeOnComplete().isPresent()
        || options.removeOnFail().isPresent()
        || options.deduplication().isPresent()) {
      throw new IllegalArgumentException(
          "Schedule '"
              + id
              + "' keeps the job options priority, attempts, timeout, group and metadata; a job id, delay,"
              + " run time, backoff, retention or deduplication cannot be stored with it (the job"
              + " id is the schedule's and the tick's; set the others as the queue's defaults)");
    }
    JsonNode tree;
    try {
      tree = JSON.valueToTree(payload);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Schedule '" + id + "': the payload cannot be written as JSON: " + e.getMessage(), e);
    }
    Definition definition =
        new Definition(
            when,
            queue,
            name,
            tree,
            options.priority() == 0 ? null : options.priority(),
            options.attempts().orElse(null),
            options.timeout().orElse(null),
            options.group().orElse(null),
            options.metadata().isEmpty() ? null : Map.copyOf(options.metadata()));
    try {
      // Each tick adds the schedule's own metadata to the user's: check now that both fit.
      definition.options(id, Instant.EPOCH);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Schedule '" + id + "': " + e.getMessage(), e);
    }
    return definition;
  }

  /** The job the tick {@code tick} of schedule {@code scheduleId} adds. */
  NewJob job(String scheduleId, Instant tick) {
    return new NewJob(queue, name, payload, options(scheduleId, tick));
  }

  /**
   * The options of the job the tick {@code tick} of schedule {@code scheduleId} adds: its
   * deterministic id, and the schedule and tick in its metadata.
   */
  JobOptions options(String scheduleId, Instant tick) {
    JobOptions.Builder builder = JobOptions.builder().jobId(ScheduledJobIds.of(scheduleId, tick));
    if (metadata != null) {
      builder.metadata(metadata);
    }
    builder
        .metadata(ScheduledJobIds.SCHEDULE_KEY, scheduleId)
        .metadata(ScheduledJobIds.TICK_KEY, tick.toString());
    if (priority != null) {
      builder.priority(priority);
    }
    if (attempts != null) {
      builder.attempts(attempts);
    }
    if (timeout != null) {
      builder.timeout(timeout);
    }
    if (group != null) {
      builder.group(group);
    }
    return builder.build();
  }

  String write() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write a schedule's definition: " + e.getMessage(), e);
    }
  }

  static Definition read(String id, String text) {
    try {
      return JSON.readValue(text, Definition.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "Schedule '" + id + "' has an unreadable definition: " + e.getOriginalMessage(), e);
    }
  }
}
