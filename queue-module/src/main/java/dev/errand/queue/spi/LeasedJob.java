package dev.errand.queue.spi;

/**
 * A job handed to a worker by {@link QueueBackend#fetch}.
 *
 * @param id the job id
 * @param name the job name
 * @param payload the payload as JSON
 * @param options the job's own options as JSON, or null
 * @param attempt this run's number, from 1
 */
public record LeasedJob(String id, String name, String payload, String options, int attempt) {}
