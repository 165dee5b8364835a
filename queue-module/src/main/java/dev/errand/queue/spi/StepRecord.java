package dev.errand.queue.spi;

import dev.errand.queue.WorkflowStepState;

/**
 * A stored step with where it is.
 *
 * @param step the step
 * @param state its state
 * @param failure why it failed, or null
 */
public record StepRecord(StoredStep step, WorkflowStepState state, String failure) {}
