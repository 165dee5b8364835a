package dev.errand.queue;

/**
 * Why a job's last attempt failed.
 *
 * @param exceptionClass the exception's class name (or a reason code such as {@code stalled})
 * @param message the exception's message
 * @param stackTrace the stack trace, empty when there is none
 */
public record JobFailure(String exceptionClass, String message, String stackTrace) {}
