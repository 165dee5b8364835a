package dev.errand.queue.internal.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.errand.queue.DependencyFailure;
import dev.errand.queue.spi.JobDraft;
import dev.errand.queue.spi.StoredStep;
import java.util.ArrayList;
import java.util.List;

/**
 * A workflow step as the Redis store keeps it: the spec JSON only Java reads, and the dependency
 * pairs the scripts read, with each policy as one letter (f fail, i ignore, p pass).
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

  ArrayNode deps(StoredStep step) {
    ArrayNode deps = mapper.createArrayNode();
    for (StoredStep.Dependency d : step.dependsOn()) {
      deps.addArray().add(d.step()).add(letter(d.onFailure()));
    }
    return deps;
  }

  String spec(StoredStep step) {
    JobDraft job = step.job();
    ObjectNode spec = mapper.createObjectNode();
    spec.put("id", step.id())
        .put("queue", step.queue())
        .put("name", job.name())
        .put("payload", job.payload())
        .put("options", job.options())
        .put("jobId", job.jobId())
        .put("priority", job.priority())
        .put("group", job.group())
        .put("callback", step.batchCallback());
    spec.set("deps", deps(step));
    return spec.toString();
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
      JsonNode node = mapper.readTree(spec);
      List<StoredStep.Dependency> deps = new ArrayList<>();
      if (depsLines == null) {
        for (JsonNode d : node.get("deps")) {
          deps.add(new StoredStep.Dependency(d.get(0).asText(), policy(d.get(1).asText())));
        }
      } else {
        for (String line : depsLines.split("\n")) {
          deps.add(new StoredStep.Dependency(line.substring(1), policy(line.substring(0, 1))));
        }
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
    } catch (Exception e) {
      throw new IllegalStateException("A stored workflow step cannot be read: " + spec, e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
