package dev.errand.core;

import com.google.inject.Module;
import com.google.inject.Singleton;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;

/**
 * What a {@link ComponentScanner} found: the component classes, their annotated methods, and a
 * Guice module that binds every class as a singleton.
 */
public final class ScannedComponents {

  private final List<Class<?>> classes;
  private final Map<Class<? extends Annotation>, List<AnnotatedMethod<?>>> methods;

  ScannedComponents(
      List<Class<?>> classes, Map<Class<? extends Annotation>, List<AnnotatedMethod<?>>> methods) {
    this.classes = List.copyOf(classes);
    this.methods = Map.copyOf(methods);
  }

  /** The component classes, in a stable order (by name). */
  public List<Class<?>> classes() {
    return classes;
  }

  /** The methods carrying {@code annotation}, ordered by class name, then method name. */
  @SuppressWarnings("unchecked")
  public <A extends Annotation> List<AnnotatedMethod<A>> methods(Class<A> annotation) {
    List<AnnotatedMethod<?>> found = methods.getOrDefault(annotation, List.of());
    return (List<AnnotatedMethod<A>>) (List<?>) found;
  }

  /** Binds every component class as a singleton, so Guice builds it by constructor injection. */
  public Module module() {
    return binder -> {
      for (Class<?> type : classes) {
        binder.bind(type).in(Singleton.class);
      }
    };
  }
}
