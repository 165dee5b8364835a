/**
 * The testing kit for applications built on Errand: {@link dev.errand.testing.ErrandExtension} runs
 * the application in each JUnit 5 test on the memory queue, capture mail and a manual clock,
 * asserts on enqueued jobs and runs them with {@code drain()}; {@link
 * dev.errand.testing.TestJobContext} stands in for a worker's context when a test calls a handler
 * itself.
 */
package dev.errand.testing;
