package dev.errand.core;

import com.google.inject.ConfigurationException;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.Singleton;
import com.google.inject.spi.Dependency;
import com.google.inject.spi.InjectionPoint;
import java.lang.annotation.Annotation;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

  /**
   * Every key the component classes inject (constructor, fields and methods), for an adapter's
   * {@link dev.errand.core.spi.Adapter#uses()} so that the order check sees them.
   */
  public Set<Key<?>> dependencies() {
    Set<Key<?>> keys = new LinkedHashSet<>();
    for (Class<?> type : classes) {
      try {
        for (Dependency<?> dependency : InjectionPoint.forConstructorOf(type).getDependencies()) {
          keys.add(dependency.getKey());
        }
        for (InjectionPoint point : InjectionPoint.forInstanceMethodsAndFields(type)) {
          for (Dependency<?> dependency : point.getDependencies()) {
            keys.add(dependency.getKey());
          }
        }
      } catch (ConfigurationException e) {
        throw new IllegalArgumentException(
            type.getName() + " cannot be built by Guice: " + e.getMessage(), e);
      }
    }
    return keys;
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
