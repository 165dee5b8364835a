package dev.errand.queue.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.errand.queue.JobType;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a {@link JobType}'s payload class fits the handler this application has for its queue and
 * name. Java checks that a dispatch and its JobType agree; nothing in the compiler ties a JobType
 * to a {@code @Process} method, so a JobType of the wrong class would deliver a payload Jackson
 * fills with defaults. This is checked at start for every JobType constant found, and at the first
 * add of any other JobType.
 */
public final class JobTypeCheck {

  private final HandlerRegistry registry;
  private final Map<JobType<?>, String> constants;
  private final Set<JobType<?>> fitting = ConcurrentHashMap.newKeySet();

  /**
   * @param constants the JobType constants found, each with where it is declared ({@code
   *     com.acme.Jobs#WELCOME})
   */
  public JobTypeCheck(HandlerRegistry registry, Map<JobType<?>, String> constants) {
    this.registry = registry;
    this.constants = Map.copyOf(constants);
  }

  /** Every constant whose payload class does not fit its handler here, one problem each. */
  public List<String> constantProblems() {
    List<String> problems = new ArrayList<>();
    constants.keySet().stream()
        .map(this::problem)
        .filter(problem -> problem != null)
        .sorted()
        .forEach(problems::add);
    return problems;
  }

  /**
   * What a typo in a JobType constant's queue or job name looks like: one line per queue that no
   * handler here consumes and that is not in {@code consumedElsewhere}, naming its constants, and
   * one per constant naming a job its queue's handlers here do not take. Producer-only applications
   * add to queues others consume, so these are warnings, not failures.
   */
  public List<String> unconsumed(Set<String> consumedElsewhere) {
    Map<String, List<String>> byQueue = new TreeMap<>();
    List<String> lines = new ArrayList<>();
    constants.forEach(
        (type, where) -> {
          HandlerTable table = registry.table(type.queue());
          if (table == null && !consumedElsewhere.contains(type.queue())) {
            byQueue.computeIfAbsent(type.queue(), q -> new ArrayList<>()).add(where);
          } else if (table != null && table.find(type.name()) == null) {
            lines.add(
                "JobType "
                    + where
                    + " names job '"
                    + type.name()
                    + "' of queue '"
                    + type.queue()
                    + "', which this application consumes, but no @Process method takes it:"
                    + " its jobs will fail for want of a handler. Check the job name");
          }
        });
    byQueue.forEach(
        (queue, wheres) ->
            lines.add(
                "JobType "
                    + String.join(", ", wheres.stream().sorted().toList())
                    + " points at queue '"
                    + queue
                    + "', which no @Job class of this application consumes"
                    + " (consumed here: "
                    + new TreeSet<>(registry.queues())
                    + "). A typo in the queue name? If another application consumes it, say so"
                    + " with QueueAdapter.withQueuesConsumedElsewhere(\""
                    + queue
                    + "\") and this warning goes"));
    Collections.sort(lines);
    return lines;
  }

  /**
   * Fails an add of {@code type} whose payload class does not fit the handler this application has
   * for its queue and name; checks each JobType once.
   *
   * @throws IllegalArgumentException naming the JobType, the handler and both types
   */
  public void check(JobType<?> type) {
    if (fitting.contains(type)) {
      return;
    }
    String problem = problem(type);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    fitting.add(type);
  }

  /** Where {@code type} is declared, or how it reads when it is no constant found at start. */
  public String describe(JobType<?> type) {
    String where = constants.get(type);
    return where != null
        ? "JobType " + where
        : "JobType.of(\""
            + type.queue()
            + "\", \""
            + type.name()
            + "\", "
            + type.payloadType().getName()
            + ".class)";
  }

  private String problem(JobType<?> type) {
    HandlerTable table = registry.table(type.queue());
    JobHandler handler = table == null ? null : table.find(type.name());
    if (handler == null) {
      return null;
    }
    Class<?> takes = boxed(handler.payloadType().getRawClass());
    if (fits(type.payloadType(), takes)) {
      return null;
    }
    return describe(type)
        + " (queue '"
        + type.queue()
        + "', job '"
        + type.name()
        + "') carries "
        + type.payloadType().getName()
        + ", but its handler "
        + handler.describe()
        + " takes "
        + handler.payloadType().toCanonical()
        + ": make the JobType's payload class the handler's parameter type, or point the JobType"
        + " at the job that handler is for";
  }

  /**
   * A payload fits a handler that takes its class or a supertype, and a handler or a JobType that
   * is untyped JSON (a Map, a JsonNode, Object), where a mistake cannot be told from intent.
   */
  private static boolean fits(Class<?> payload, Class<?> takes) {
    Class<?> boxed = boxed(payload);
    return takes.isAssignableFrom(boxed) || untyped(takes) || untyped(boxed);
  }

  private static Class<?> boxed(Class<?> type) {
    return MethodType.methodType(type).wrap().returnType();
  }

  private static boolean untyped(Class<?> type) {
    return type == Object.class
        || Map.class.isAssignableFrom(type)
        || JsonNode.class.isAssignableFrom(type);
  }
}
