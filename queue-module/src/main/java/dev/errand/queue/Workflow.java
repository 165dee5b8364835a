package dev.errand.queue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Jobs that depend on jobs, added in one call by {@link WorkflowService#add}: each step is a job
 * that runs once every step it comes {@link Step#after} has completed. A step may wait for many,
 * and many may wait for one (shared dependencies, not only trees).
 *
 * <pre>{@code
 * Workflow export = Workflow.create();
 * List<Workflow.Step> exports = new ArrayList<>();
 * for (Project project : workspace.projects()) {
 *   exports.add(export.step("export-" + project.id(), Jobs.EXPORT, new ExportProject(project.id())));
 * }
 * Workflow.Step zip = export.step("zip", Jobs.ZIP, new ZipExports(workspace.id())).after(exports);
 * export.step("mail", Jobs.MAIL_LINK, new MailLink(user.email())).after(zip);
 * workflows.add(export);
 * }</pre>
 *
 * <p>Each step's job gets the id {@code wf:<workflow id>:<step id>} in its queue, so releasing a
 * step twice (after a crash) adds it once.
 */
public final class Workflow {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.\\-]{1,80}");

  /** The most characters a step id may have. */
  public static final int MAX_STEP_ID = 100;

  private final String id;
  private final Map<String, Step> steps = new LinkedHashMap<>();

  private Workflow(String id) {
    this.id = id;
  }

  /** A workflow with a generated id. */
  public static Workflow create() {
    return new Workflow(UUID.randomUUID().toString());
  }

  /**
   * A workflow with the caller's id (letters, digits, '_', '.' and '-', at most 80): adding a
   * second workflow with the same id adds nothing, so an add may be repeated safely.
   */
  public static Workflow withId(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "Workflow id '" + id + "' is not allowed: use 1 to 80 letters, digits, '_', '.' or '-'");
    }
    return new Workflow(id);
  }

  public String id() {
    return id;
  }

  /** Adds a step running a job of {@code type} with {@code payload}. */
  public <T> Step step(String stepId, JobType<T> type, T payload) {
    return step(stepId, type, payload, JobOptions.defaults());
  }

  /**
   * Adds a step with options. A step's job id, delay and run time belong to the workflow, so
   * options setting them are refused.
   */
  public <T> Step step(String stepId, JobType<T> type, T payload, JobOptions options) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(options, "options");
    if (stepId == null
        || stepId.isBlank()
        || stepId.length() > MAX_STEP_ID
        || stepId.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(
          "Step id '"
              + stepId
              + "' of workflow "
              + id
              + " is not allowed: use 1 to "
              + MAX_STEP_ID
              + " characters, no control characters");
    }
    if (steps.containsKey(stepId)) {
      throw new IllegalArgumentException("Workflow " + id + " already has a step '" + stepId + "'");
    }
    if (options.jobId().isPresent() || options.delay().isPresent() || options.runAt().isPresent()) {
      throw new IllegalArgumentException(
          "Step '"
              + stepId
              + "' of workflow "
              + id
              + " sets a jobId, delay or runAt: a step's job id is the workflow's, and it runs"
              + " when its dependencies complete");
    }
    Step step = new Step(stepId, type.queue(), type.name(), payload, options);
    steps.put(stepId, step);
    return step;
  }

  /** The steps in the order they were added. */
  public List<Step> steps() {
    return List.copyOf(steps.values());
  }

  /** One job of the workflow and the steps it waits for. */
  public final class Step {
    private final String id;
    private final String queue;
    private final String name;
    private final Object payload;
    private final JobOptions options;
    private final Map<String, DependencyFailure> dependsOn = new LinkedHashMap<>();
    // Whether this step runs on its dependencies' failures: set by the first dependency, which the
    // others must match, so a fan-in of 10,000 steps is checked in one test each, not a scan each.
    private boolean onlyOnFailure;
    private boolean batchCallback;

    private Step(String id, String queue, String name, Object payload, JobOptions options) {
      this.id = id;
      this.queue = queue;
      this.name = name;
      this.payload = payload;
      this.options = options;
    }

    /** Runs this step once each of {@code steps} has completed; it fails if one fails. */
    public Step after(Step... steps) {
      return after(List.of(steps));
    }

    /** Runs this step once each of {@code steps} has completed; it fails if one fails. */
    public Step after(Collection<Step> steps) {
      for (Step step : steps) {
        after(step, DependencyFailure.FAIL);
      }
      return this;
    }

    /** Runs this step once {@code step} has finished, doing {@code onFailure} if it failed. */
    public Step after(Step step, DependencyFailure onFailure) {
      Objects.requireNonNull(onFailure, "onFailure");
      if (step.workflow() != Workflow.this) {
        throw new IllegalArgumentException(
            "Step '" + step.id + "' belongs to another workflow than step '" + id + "'");
      }
      if (step == this) {
        throw new IllegalArgumentException(
            "Step '" + id + "' of workflow " + Workflow.this.id + " cannot depend on itself");
      }
      boolean only = onFailure == DependencyFailure.ONLY_ON_FAILURE;
      if (dependsOn.isEmpty()) {
        onlyOnFailure = only;
      } else if (only != onlyOnFailure) {
        throw new IllegalArgumentException(
            "Step '"
                + id
                + "' of workflow "
                + Workflow.this.id
                + " mixes ONLY_ON_FAILURE with other policies: a step runs on a failure of its"
                + " dependencies or after them, not both");
      }
      dependsOn.put(step.id, onFailure);
      return this;
    }

    /**
     * Adds a step that runs only if this one fails for good, once; it is skipped when this one
     * completes.
     */
    public <T> Step onFailure(String stepId, JobType<T> type, T payload) {
      return step(stepId, type, payload).after(this, DependencyFailure.ONLY_ON_FAILURE);
    }

    /** Marks a batch's callback: steps added to the batch later join its dependencies. */
    Step batchCallback() {
      batchCallback = true;
      return this;
    }

    /** Whether steps added to the batch later join this step's dependencies. */
    public boolean isBatchCallback() {
      return batchCallback;
    }

    /** Adds a step of {@code type} that runs after this one: a chain. */
    public <T> Step then(String stepId, JobType<T> type, T payload) {
      return step(stepId, type, payload).after(this);
    }

    private Workflow workflow() {
      return Workflow.this;
    }

    public String id() {
      return id;
    }

    public String queue() {
      return queue;
    }

    public String name() {
      return name;
    }

    public Object payload() {
      return payload;
    }

    public JobOptions options() {
      return options;
    }

    /** The ids of the steps this one waits for, with what it does if one fails. */
    public Map<String, DependencyFailure> dependsOn() {
      return Collections.unmodifiableMap(dependsOn);
    }

    /** The ids of the steps this one waits for. */
    public List<String> dependencyIds() {
      return new ArrayList<>(dependsOn.keySet());
    }
  }
}
