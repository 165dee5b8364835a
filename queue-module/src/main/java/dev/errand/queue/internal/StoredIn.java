package dev.errand.queue.internal;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import com.google.inject.BindingAnnotation;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Marks the queue layer's own binding of its backend. Package-private, so application code cannot
 * inject the backend by accident and bypass the service, the admin and their checks.
 */
@BindingAnnotation
@Retention(RUNTIME)
@Target({METHOD, PARAMETER})
@interface StoredIn {}
