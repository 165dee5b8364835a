/**
 * The queue suites; subclass each with {@code createBackend()} returning a new {@link
 * dev.errand.queue.spi.QueueBackend} over storage no other test sees (a unique key prefix, a schema
 * of the test's own):
 *
 * <ul>
 *   <li>{@link dev.errand.tck.queue.QueueDispatchContract}: adds, bulk adds, job ids, priority and
 *       FIFO, delays, typed payloads and the handler they reach;
 *   <li>{@link dev.errand.tck.queue.QueueRetryContract}: backoffs, attempts, dead letters,
 *       unrecoverable errors, timeouts;
 *   <li>{@link dev.errand.tck.queue.QueueRetentionContract}: which finished jobs are kept;
 *   <li>{@link dev.errand.tck.queue.QueueWorkerContract}: concurrency, prefetch, lease renewal,
 *       cancellation, shutdown;
 *   <li>{@link dev.errand.tck.queue.QueueOperationsContract}: admin actions, waiting for outcomes,
 *       events, rate limits, metrics;
 *   <li>{@link dev.errand.tck.queue.QueueLeaseContract}: leases, stalls and refused
 *       acknowledgements, through the SPI directly;
 *   <li>{@link dev.errand.tck.queue.QueueClusterContract}: several processes on one storage, for
 *       backends that can share it; here every call of the factory within a test must reach the
 *       same storage.
 * </ul>
 *
 * <p>The suites start applications through the public path, {@code new
 * QueueAdapter(settings).withBackend(createBackend())}, with {@link
 * dev.errand.tck.queue.ContractProcessor} handling the {@code contract} queue. The application
 * closes its backend when it stops; the suites then still read the stored jobs through that
 * backend's {@code admin()}, so closing must release what the workers used (blocking connections,
 * subscriptions), not the storage. The processor, {@link dev.errand.tck.queue.Work} and {@link
 * dev.errand.tck.queue.Recorder} are public for a backend's own extra tests.
 */
package dev.errand.tck.queue;
