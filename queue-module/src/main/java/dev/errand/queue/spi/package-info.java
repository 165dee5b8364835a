/**
 * The storage behind the queue layer. Implement {@link dev.errand.queue.spi.QueueBackend} to keep
 * jobs somewhere new, and pass it to {@link dev.errand.queue.QueueAdapter#withBackend}; the queue
 * suites of {@code errand-tck} ({@code dev.errand.tck.queue}) state what it must do.
 */
package dev.errand.queue.spi;
