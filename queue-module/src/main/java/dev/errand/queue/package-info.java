/**
 * Background jobs: {@link dev.errand.queue.Job @Job} processor classes with {@link
 * dev.errand.queue.Process @Process} handlers, {@link dev.errand.queue.QueueService} to add jobs,
 * {@link dev.errand.queue.QueueAdmin} to look into queues, and {@link
 * dev.errand.queue.QueueAdapter}, the entry point that runs the workers.
 *
 * <p>Delivery is at least once: a job whose worker dies runs again once its lease expires, so
 * handlers must be idempotent.
 */
package dev.errand.queue;
