package dev.errand.queue.internal;

import dev.errand.queue.JobType;
import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfo;
import io.github.classgraph.FieldInfo;
import io.github.classgraph.ScanResult;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code static final JobType} fields of the scanned packages and classes: the constants an
 * application dispatches through, read so that start can check them against its handlers.
 */
final class JobTypeConstants {

  private static final Logger log = LoggerFactory.getLogger("dev.errand.queue.QueueAdapter");

  private JobTypeConstants() {}

  /** Each constant found with where it is declared, {@code com.acme.Jobs#WELCOME}. */
  static Map<JobType<?>, String> find(List<String> packages, Collection<Class<?>> classes) {
    Set<Class<?>> holders = new LinkedHashSet<>(classes);
    if (!packages.isEmpty()) {
      try (ScanResult scan =
          new ClassGraph()
              .enableClassInfo()
              .enableFieldInfo()
              .ignoreClassVisibility()
              .ignoreFieldVisibility()
              .acceptPackages(packages.toArray(String[]::new))
              .scan()) {
        for (ClassInfo info : scan.getAllClasses()) {
          if (declaresJobType(info)) {
            holders.add(info.loadClass());
          }
        }
      }
    }
    Map<JobType<?>, String> found = new LinkedHashMap<>();
    for (Class<?> holder : holders) {
      read(holder, found);
    }
    return found;
  }

  private static boolean declaresJobType(ClassInfo info) {
    for (FieldInfo field : info.getDeclaredFieldInfo()) {
      if (field.isStatic()
          && field.isFinal()
          && field.getTypeDescriptor().toString().startsWith(JobType.class.getName())) {
        return true;
      }
    }
    return false;
  }

  private static void read(Class<?> holder, Map<JobType<?>, String> into) {
    for (Field field : holder.getDeclaredFields()) {
      int modifiers = field.getModifiers();
      if (field.getType() != JobType.class
          || !Modifier.isStatic(modifiers)
          || !Modifier.isFinal(modifiers)) {
        continue;
      }
      try {
        field.setAccessible(true);
        if (field.get(null) instanceof JobType<?> type) {
          into.putIfAbsent(type, holder.getName() + "#" + field.getName());
        }
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        log.warn(
            "Could not read the JobType constant {}#{} to check it against its handler: {}",
            holder.getName(),
            field.getName(),
            e.toString());
      }
    }
  }
}
