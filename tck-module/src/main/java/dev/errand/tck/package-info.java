/**
 * Errand's compatibility kit: the contract suites that state what a queue backend and a cron store
 * must do, published so that every backend, Errand's own or yours, passes the same tests.
 *
 * <p>Each suite is an abstract JUnit 5 class with one factory method: {@code createBackend()} for
 * the queue suites in {@link dev.errand.tck.queue}, {@code createStore()} for the cron suites in
 * {@link dev.errand.tck.cron}. A backend's tests are one short subclass per suite:
 *
 * <pre>{@code
 * class PostgresQueueDispatchTest extends QueueDispatchContract {
 *   @Override
 *   protected QueueBackend createBackend() {
 *     return new PostgresBackend(dataSource, TestServers.unique("tck"), Clock.systemUTC());
 *   }
 * }
 * }</pre>
 *
 * <p>A backend in a module of its own depends on {@code errand-tck} in test scope. The kit itself
 * depends on {@code errand-queue} and {@code errand-cron}, so those two modules cannot depend on
 * it, not even in test scope, as Maven refuses the cycle: the subclasses for Errand's own backends
 * (memory and Redis queues; local, Redis, H2 and PostgreSQL cron stores) live in this module's
 * tests instead.
 *
 * <p>The suites use only Errand's public API and SPI packages, and expect real servers behind the
 * backend: no mocks.
 */
package dev.errand.tck;
