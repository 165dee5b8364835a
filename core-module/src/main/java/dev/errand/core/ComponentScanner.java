package dev.errand.core;

import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfo;
import io.github.classgraph.ScanResult;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds component classes by annotation, in packages (with ClassGraph) and among classes registered
 * explicitly, and collects their annotated methods.
 *
 * <p>A class is a component when it carries one of the {@link Builder#classAnnotation class
 * annotations} or declares a method carrying one of the {@link Builder#methodAnnotation method
 * annotations}. The queue layer scans for {@code @Job} classes and their {@code @Process} methods;
 * the cron layer for classes with {@code @Cron} methods.
 *
 * <pre>{@code
 * ScannedComponents found = ComponentScanner.builder()
 *     .packages("com.acme.jobs")
 *     .classAnnotation(Job.class)
 *     .methodAnnotation(Process.class)
 *     .scan();
 * }</pre>
 */
public final class ComponentScanner {

  private ComponentScanner() {}

  public static Builder builder() {
    return new Builder();
  }

  /** What to scan for, and where. */
  public static final class Builder {
    private final List<String> packages = new ArrayList<>();
    private final Set<Class<?>> explicit = new LinkedHashSet<>();
    private final List<Class<? extends Annotation>> classAnnotations = new ArrayList<>();
    private final List<Class<? extends Annotation>> methodAnnotations = new ArrayList<>();

    private Builder() {}

    /** Packages to search, sub-packages included. */
    public Builder packages(String... names) {
      for (String name : names) {
        if (name == null || name.isBlank()) {
          throw new IllegalArgumentException("A package to scan must not be blank");
        }
        packages.add(name.trim());
      }
      return this;
    }

    /** Classes to include whether or not they sit in a scanned package. */
    public Builder classes(Class<?>... types) {
      explicit.addAll(Arrays.asList(types));
      return this;
    }

    public Builder classAnnotation(Class<? extends Annotation> annotation) {
      classAnnotations.add(annotation);
      return this;
    }

    public Builder methodAnnotation(Class<? extends Annotation> annotation) {
      methodAnnotations.add(annotation);
      return this;
    }

    /**
     * Runs the scan.
     *
     * @throws IllegalArgumentException naming the class when a component is abstract or an
     *     interface, since Guice could not build it
     */
    public ScannedComponents scan() {
      Set<Class<?>> found = new LinkedHashSet<>(explicit);
      if (!packages.isEmpty()) {
        try (ScanResult result =
            new ClassGraph()
                .enableClassInfo()
                .enableMethodInfo()
                .enableAnnotationInfo()
                .ignoreClassVisibility()
                .ignoreMethodVisibility()
                .acceptPackages(packages.toArray(String[]::new))
                .scan()) {
          for (Class<? extends Annotation> annotation : classAnnotations) {
            load(result.getClassesWithAnnotation(annotation.getName()), found);
          }
          for (Class<? extends Annotation> annotation : methodAnnotations) {
            load(result.getClassesWithMethodAnnotation(annotation.getName()), found);
          }
        }
      }
      List<Class<?>> classes = new ArrayList<>(found);
      classes.sort(Comparator.comparing(Class::getName));
      Map<Class<? extends Annotation>, List<AnnotatedMethod<?>>> methods = new LinkedHashMap<>();
      for (Class<?> type : classes) {
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
          throw new IllegalArgumentException(
              type.getName()
                  + " is abstract or an interface: a component must be a concrete"
                  + " class that Guice can build");
        }
        for (Class<? extends Annotation> annotation : methodAnnotations) {
          methods
              .computeIfAbsent(annotation, a -> new ArrayList<>())
              .addAll(collect(type, annotation));
        }
      }
      return new ScannedComponents(classes, methods);
    }

    private static void load(Iterable<ClassInfo> infos, Set<Class<?>> into) {
      for (ClassInfo info : infos) {
        if (!info.isAnnotation()) {
          into.add(info.loadClass());
        }
      }
    }

    private static <A extends Annotation> List<AnnotatedMethod<A>> collect(
        Class<?> type, Class<A> annotation) {
      List<AnnotatedMethod<A>> result = new ArrayList<>();
      for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
        Method[] declared = c.getDeclaredMethods();
        Arrays.sort(declared, Comparator.comparing(Method::getName));
        for (Method method : declared) {
          A found = method.getAnnotation(annotation);
          if (found != null && !method.isSynthetic()) {
            result.add(new AnnotatedMethod<>(type, method, found));
          }
        }
      }
      return result;
    }
  }
}
