package dev.errand.queue.internal;

import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.AbstractDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBase;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.google.inject.Injector;
import dev.errand.core.AnnotatedMethod;
import dev.errand.core.ScannedComponents;
import dev.errand.queue.Job;
import dev.errand.queue.JobContext;
import dev.errand.queue.Process;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every {@code @Process} method found, grouped by queue and checked up front: one handler per queue
 * and name, a payload parameter optionally followed by a {@link JobContext}, and a payload type
 * Jackson can build. Each problem names the method and the fix.
 */
public final class HandlerRegistry {

  private final Map<String, HandlerTable> tables;

  private HandlerRegistry(Map<String, HandlerTable> tables) {
    this.tables = tables;
  }

  /** Checks and collects the handlers of {@code components}. */
  public static HandlerRegistry build(ScannedComponents components, ObjectMapper mapper) {
    List<String> problems = new ArrayList<>();
    Map<String, Map<String, JobHandler>> byQueue = new LinkedHashMap<>();
    for (AnnotatedMethod<Process> found : components.methods(Process.class)) {
      JobHandler handler = handler(found, mapper, problems);
      if (handler == null) {
        continue;
      }
      Map<String, JobHandler> names =
          byQueue.computeIfAbsent(handler.queue(), q -> new LinkedHashMap<>());
      JobHandler other = names.putIfAbsent(handler.name(), handler);
      if (other != null) {
        String what = handler.name().isEmpty() ? "the catch-all" : "job '" + handler.name() + "'";
        problems.add(
            found.describe()
                + " and "
                + other.describe()
                + " both handle "
                + what
                + " of queue '"
                + handler.queue()
                + "': keep one, or give them different @Process names");
      }
    }
    for (Class<?> type : components.classes()) {
      if (type.isAnnotationPresent(Job.class)
          && components.methods(Process.class).stream().noneMatch(m -> m.type() == type)) {
        problems.add(
            type.getName()
                + " is annotated @Job but has no @Process method: add one or remove @Job");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "Invalid job handlers:\n  - " + String.join("\n  - ", problems));
    }
    Map<String, HandlerTable> tables = new LinkedHashMap<>();
    byQueue.forEach((queue, names) -> tables.put(queue, new HandlerTable(queue, names)));
    return new HandlerRegistry(tables);
  }

  /**
   * This registry with each queue of {@code sameHandlers}' values consumed by the handlers of the
   * queue it is listed under, as if their classes said {@code @Job} for it too. Each problem is
   * named: a queue listed without handlers, and a listed queue that has handlers of its own or is
   * listed twice.
   */
  public HandlerRegistry withSameHandlers(Map<String, List<String>> sameHandlers) {
    if (sameHandlers.isEmpty()) {
      return this;
    }
    List<String> problems = new ArrayList<>();
    Map<String, HandlerTable> all = new LinkedHashMap<>(tables);
    Map<String, String> listedUnder = new LinkedHashMap<>();
    sameHandlers.forEach(
        (queue, copies) -> {
          HandlerTable table = tables.get(queue);
          if (table == null) {
            problems.add(
                "withSameHandlers(\""
                    + queue
                    + "\", ...) names a queue no @Job class handles: use a"
                    + " queue of a @Job(\"...\") class");
            return;
          }
          for (String copy : copies) {
            String before = listedUnder.putIfAbsent(copy, queue);
            if (tables.containsKey(copy)) {
              problems.add(
                  "queue '"
                      + copy
                      + "' is listed in withSameHandlers(\""
                      + queue
                      + "\", ...) but has"
                      + " handlers of its own: list it nowhere, or remove its @Job class");
            } else if (before != null) {
              problems.add(
                  "queue '"
                      + copy
                      + "' is listed in withSameHandlers(\""
                      + before
                      + "\", ...) and"
                      + " withSameHandlers(\""
                      + queue
                      + "\", ...): list it once");
            } else {
              all.put(copy, new HandlerTable(copy, table.byName()));
            }
          }
        });
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "Invalid job handlers:\n  - " + String.join("\n  - ", problems));
    }
    return new HandlerRegistry(all);
  }

  /** Hands each handler the instance Guice built for its class. */
  public void bind(Injector injector) {
    for (HandlerTable table : tables.values()) {
      for (JobHandler handler : table.handlers()) {
        handler.bind(injector.getInstance(handler.type()));
      }
    }
  }

  /** The queues with at least one handler. */
  public Set<String> queues() {
    return tables.keySet();
  }

  public HandlerTable table(String queue) {
    return tables.get(queue);
  }

  private static JobHandler handler(
      AnnotatedMethod<Process> found, ObjectMapper mapper, List<String> problems) {
    Method method = found.method();
    Job job = found.type().getAnnotation(Job.class);
    if (job == null) {
      problems.add(
          found.describe()
              + " is annotated @Process but its class has no @Job(\"queue\"): add one");
      return null;
    }
    String queue = job.value();
    if (queue == null || !queue.matches("[A-Za-z0-9._-]{1,100}")) {
      problems.add(
          found.type().getName()
              + " has @Job(\""
              + queue
              + "\"): a queue name is 1 to 100 letters, digits, '.', '_' or '-'");
      return null;
    }
    Class<?>[] params = method.getParameterTypes();
    boolean ok =
        (params.length == 1 && params[0] != JobContext.class)
            || (params.length == 2
                && params[0] != JobContext.class
                && params[1] == JobContext.class);
    if (!ok || Modifier.isStatic(method.getModifiers())) {
      problems.add(
          found.describe()
              + " has a bad signature: a @Process method is an instance method taking the payload,"
              + " optionally followed by a JobContext, e.g. void send(WelcomeEmail data, JobContext"
              + " job)");
      return null;
    }
    JavaType payloadType =
        mapper.getTypeFactory().constructType(method.getGenericParameterTypes()[0]);
    String why = whyUnreadable(mapper, payloadType);
    if (why != null) {
      problems.add(
          found.describe()
              + " takes a payload of type "
              + payloadType.toCanonical()
              + " that Jackson cannot build: "
              + why);
      return null;
    }
    return new JobHandler(
        queue, found.annotation().value(), found.type(), method, payloadType, params.length == 2);
  }

  /** Why Jackson could not build {@code type} from JSON, or null when it can. */
  private static String whyUnreadable(ObjectMapper mapper, JavaType type) {
    try {
      DeserializationContext context =
          ((DefaultDeserializationContext) mapper.getDeserializationContext())
              .createDummyInstance(mapper.getDeserializationConfig());
      JsonDeserializer<Object> deserializer = context.findRootValueDeserializer(type);
      if (deserializer instanceof AbstractDeserializer) {
        return "it is abstract or an interface; use a concrete class or a record";
      }
      if (deserializer instanceof BeanDeserializerBase bean
          && !bean.getValueInstantiator().canInstantiate()) {
        return "it has no constructor Jackson can call; use a record, add a no-argument"
            + " constructor, or annotate one with @JsonCreator";
      }
      return null;
    } catch (Exception | LinkageError e) {
      return e.getMessage();
    }
  }
}
