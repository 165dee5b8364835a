package dev.errand.core;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;

/**
 * A method found by a {@link ComponentScanner}, with the annotation that made it interesting.
 *
 * @param type the class that declares (or inherits) the method, as Guice will build it
 * @param method the method
 * @param annotation the annotation on the method
 */
public record AnnotatedMethod<A extends Annotation>(Class<?> type, Method method, A annotation) {

  /** {@code com.acme.EmailProcessor#sendWelcome}: how errors and logs name the method. */
  public String describe() {
    return type.getName() + "#" + method.getName();
  }
}
