package dev.errand.queue.internal.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.queue.DependencyFailure;
import dev.errand.queue.WorkflowStepState;
import dev.errand.queue.spi.JobDraft;
import dev.errand.queue.spi.StoredStep;
import java.util.ArrayList;
import java.util.List;

/**
 * A workflow step as the Redis store keeps it: its spec, which Java reads whole and the scripts
 * read only the dependencies of (the first line), and the dependency pairs the scripts read, with
 * each policy as one letter (f fail, i ignore, p pass, o only on failure).
 *
 * <p>A spec is {@code ~} and the dependencies as letter and id separated by tabs (step ids hold no
 * control character: {@code Workflow.step} refuses them), a newline, then the fields each as its
 * length, a colon and its text ({@code -,} for none), then the callback flag and the payload to the
 * end: no JSON to build or parse, and no escaping of the payload, so a workflow of thousands of
 * steps is about half the bytes to send, store, return on release and read. Specs stored as JSON
 * objects by earlier versions still read.
 */
final class StepCodec {

  private final ObjectMapper mapper = new ObjectMapper();

  static String letter(DependencyFailure policy) {
    return switch (policy) {
      case FAIL -> "f";
      case IGNORE -> "i";
      case PASS -> "p";
      case ONLY_ON_FAILURE -> "o";
    };
  }

  static DependencyFailure policy(String letter) {
    return switch (letter) {
      case "i" -> DependencyFailure.IGNORE;
      case "p" -> DependencyFailure.PASS;
      case "o" -> DependencyFailure.ONLY_ON_FAILURE;
      default -> DependencyFailure.FAIL;
    };
  }

  String spec(StoredStep step) {
    JobDraft job = step.job();
    StringBuilder spec = new StringBuilder(64 + job.payload().length());
    spec.append('~');
    for (int i = 0; i < step.dependsOn().size(); i++) {
      StoredStep.Dependency d = step.dependsOn().get(i);
      spec.append(i == 0 ? "" : "\t").append(letter(d.onFailure())).append(d.step());
    }
    spec.append('\n');
    field(spec, step.id());
    field(spec, step.queue());
    field(spec, job.name());
    field(spec, job.options());
    field(spec, job.jobId());
    field(spec, Integer.toString(job.priority()));
    field(spec, job.group());
    return spec.append(step.batchCallback() ? '1' : '0').append(job.payload()).toString();
  }

  private static void field(StringBuilder spec, String value) {
    if (value == null) {
      spec.append("-,");
    } else {
      spec.append(value.length()).append(':').append(value);
    }
  }

  /** One step to add, as workflow-extend.lua takes it. */
  String extendArgument(StoredStep step) {
    return mapper.createObjectNode().put("id", step.id()).put("spec", spec(step)).toString();
  }

  /** The arguments of workflow-create.lua after the base: each step with its dependencies. */
  List<String> createArguments(List<StoredStep> steps) {
    List<String> args = new ArrayList<>();
    for (StoredStep step : steps) {
      args.add(step.id());
      args.add(spec(step));
      args.add(step.batchCallback() ? "1" : "0");
      args.add(Integer.toString(step.dependsOn().size()));
      for (StoredStep.Dependency d : step.dependsOn()) {
        args.add(d.step());
        args.add(letter(d.onFailure()));
      }
    }
    return args;
  }

  StoredStep step(String spec) {
    return step(spec, null);
  }

  /**
   * The step stored as {@code spec}, with the dependencies in {@code depsLines} (the scripts' form:
   * a policy letter and an id a line) when given: a batch callback grows after its spec is written.
   */
  StoredStep step(String spec, String depsLines) {
    try {
      StoredStep step = spec.startsWith("{") ? fromJson(spec) : fromSpec(spec);
      if (depsLines == null) {
        return step;
      }
      List<StoredStep.Dependency> deps = new ArrayList<>();
      for (String line : depsLines.split("\n")) {
        deps.add(new StoredStep.Dependency(line.substring(1), policy(line.substring(0, 1))));
      }
      return new StoredStep(step.id(), step.queue(), step.job(), deps, step.batchCallback());
    } catch (RuntimeException e) {
      throw new IllegalStateException("A stored workflow step cannot be read: " + spec, e);
    }
  }

  private static StoredStep fromSpec(String spec) {
    int line = spec.indexOf('\n');
    List<StoredStep.Dependency> deps = new ArrayList<>();
    if (line > 1) {
      for (String d : spec.substring(1, line).split("\t")) {
        deps.add(new StoredStep.Dependency(d.substring(1), policy(d.substring(0, 1))));
      }
    }
    int[] at = {line + 1};
    String id = field(spec, at);
    String queue = field(spec, at);
    String name = field(spec, at);
    String options = field(spec, at);
    String jobId = field(spec, at);
    int priority = Integer.parseInt(field(spec, at));
    String group = field(spec, at);
    boolean callback = spec.charAt(at[0]) == '1';
    JobDraft job =
        new JobDraft(name, spec.substring(at[0] + 1), options, jobId, priority, null, group);
    return new StoredStep(id, queue, job, deps, callback);
  }

  /** The field that starts at {@code at[0]}, which moves past it. */
  private static String field(String spec, int[] at) {
    if (spec.charAt(at[0]) == '-') {
      at[0] += 2;
      return null;
    }
    int colon = spec.indexOf(':', at[0]);
    int end = colon + 1 + Integer.parseInt(spec, at[0], colon, 10);
    at[0] = end;
    return spec.substring(colon + 1, end);
  }

  /** A step as versions before the compact spec stored it: one JSON object. */
  private StoredStep fromJson(String spec) {
    JsonNode node;
    try {
      node = mapper.readTree(spec);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    List<StoredStep.Dependency> deps = new ArrayList<>();
    for (JsonNode d : node.get("deps")) {
      deps.add(new StoredStep.Dependency(d.get(0).asText(), policy(d.get(1).asText())));
    }
    JobDraft job =
        new JobDraft(
            node.get("name").asText(),
            node.get("payload").asText(),
            text(node, "options"),
            node.get("jobId").asText(),
            node.get("priority").asInt(),
            null,
            text(node, "group"));
    return new StoredStep(
        node.get("id").asText(),
        node.get("queue").asText(),
        job,
        deps,
        node.path("callback").asBoolean());
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  /** A step's state from the scripts' letter for it (see workflow-keys.lua). */
  static WorkflowStepState state(String code) {
    return switch (code == null ? "" : code) {
      case "W" -> WorkflowStepState.WAITING_ON_DEPENDENCIES;
      case "R" -> WorkflowStepState.READY;
      case "E" -> WorkflowStepState.ENQUEUED;
      case "C" -> WorkflowStepState.COMPLETED;
      case "F" -> WorkflowStepState.FAILED;
      case "D" -> WorkflowStepState.DEPENDENCY_FAILED;
      case "S" -> WorkflowStepState.SKIPPED;
      default -> WorkflowStepState.CANCELLED;
    };
  }
}
