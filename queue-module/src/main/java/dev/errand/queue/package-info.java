/**
 * Background jobs: {@link dev.errand.queue.Job @Job} processor classes with {@link
 * dev.errand.queue.Process @Process} handlers, {@link dev.errand.queue.QueueService} to add jobs,
 * {@link dev.errand.queue.QueueAdmin} to look into and act on queues, {@link
 * dev.errand.queue.JobListener} and {@link dev.errand.queue.QueueEvents} to hear what happens to
 * jobs, and {@link dev.errand.queue.QueueAdapter}, the entry point that runs the workers.
 *
 * <p>Delivery is at least once: a job whose worker dies runs again once its lease expires, so
 * handlers must be idempotent.
 */
package dev.errand.queue;
