package dev.errand.queue.internal.redis;

import dev.errand.core.ErrandRedis;
import dev.errand.core.RedisScript;
import dev.errand.queue.WorkflowStepState;
import dev.errand.queue.spi.Settled;
import dev.errand.queue.spi.StepOutcome;
import dev.errand.queue.spi.StepRecord;
import dev.errand.queue.spi.StoredStep;
import dev.errand.queue.spi.WorkflowStore;
import io.lettuce.core.KeyValue;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.ZAddArgs;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Workflows in Redis: each under its own hash tag ({@code errand:wf:{id}:...}), so every call is
 * one script or read on one slot, wherever in a cluster its steps' queues live. Jobs reach their
 * queues through the queue backend, never from these scripts.
 */
public final class RedisWorkflowStore implements WorkflowStore {

  private static final RedisScript CREATE = RedisBackend.script("workflow-create");
  private static final RedisScript SETTLE = RedisBackend.script("workflow-settle");
  private static final RedisScript ENQUEUED = RedisBackend.script("workflow-enqueued");
  private static final RedisScript CANCEL = RedisBackend.script("workflow-cancel");
  private static final RedisScript EXTEND = RedisBackend.script("workflow-extend");
  private static final RedisScript DELETE = RedisBackend.script("workflow-delete");

  /** How long a read of many steps' results may take before it fails. */
  private static final long READ_SECONDS = 30;

  private final ErrandRedis redis;
  private final String prefix;
  private final StepCodec codec = new StepCodec();

  public RedisWorkflowStore(ErrandRedis redis, String prefix) {
    this.redis = redis;
    this.prefix = prefix;
  }

  private String base(String workflowId) {
    return prefix + ":wf:{" + workflowId + "}:";
  }

  private String index() {
    return prefix + ":workflows";
  }

  private String releasingIndex() {
    return prefix + ":workflows:releasing";
  }

  @Override
  public void releasing(String workflowId, Instant at) {
    commands()
        .zadd(releasingIndex(), ZAddArgs.Builder.nx(), (double) at.toEpochMilli(), workflowId);
  }

  @Override
  public void released(String workflowId) {
    commands().zrem(releasingIndex(), workflowId);
  }

  @Override
  public List<String> unreleased(Instant before, int limit) {
    return commands()
        .zrangebyscore(
            releasingIndex(),
            Range.create(Double.NEGATIVE_INFINITY, (double) before.toEpochMilli() - 1),
            Limit.create(0, limit));
  }

  @Override
  public List<String> addedBefore(Instant before, int offset, int limit) {
    return commands()
        .zrangebyscore(
            index(),
            Range.create(Double.NEGATIVE_INFINITY, (double) before.toEpochMilli() - 1),
            Limit.create(offset, limit));
  }

  @Override
  public List<String> list(int offset, int limit) {
    if (limit == 0) {
      return List.of();
    }
    return commands().zrevrange(index(), offset, offset + limit - 1L);
  }

  @Override
  public boolean delete(String workflowId) {
    Long deleted =
        DELETE.run(commands(), ScriptOutputType.INTEGER, keys(workflowId), base(workflowId));
    commands().zrem(index(), workflowId);
    return deleted == 1;
  }

  private String[] keys(String workflowId) {
    return new String[] {base(workflowId) + "state"};
  }

  private RedisClusterCommands<String, String> commands() {
    return redis.commands();
  }

  @Override
  public boolean create(String workflowId, List<StoredStep> steps) {
    // The index is a key of its own slot, so it is written apart: an entry whose workflow was
    // never stored (a crash here) lists an id that reads as no workflow.
    commands()
        .zadd(index(), ZAddArgs.Builder.nx(), (double) System.currentTimeMillis(), workflowId);
    List<String> args = new ArrayList<>();
    args.add(base(workflowId));
    args.addAll(codec.createArguments(steps));
    Long created =
        CREATE.run(
            commands(), ScriptOutputType.INTEGER, keys(workflowId), args.toArray(String[]::new));
    return created == 1;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Settled settle(String workflowId, Map<String, StepOutcome> outcomes, int maxEdges) {
    List<String> args = new ArrayList<>();
    args.add(base(workflowId));
    args.add(Integer.toString(maxEdges));
    outcomes.forEach(
        (step, outcome) -> {
          args.add(step);
          switch (outcome) {
            case StepOutcome.Completed c -> {
              args.add("C");
              args.add(c.result() == null ? "" : c.result());
            }
            case StepOutcome.Failed f -> {
              args.add("F");
              args.add(f.reason());
            }
          }
        });
    List<Object> reply =
        SETTLE.run(
            commands(), ScriptOutputType.MULTI, keys(workflowId), args.toArray(String[]::new));
    List<StoredStep> released = new ArrayList<>();
    for (Object spec : (List<Object>) reply.get(0)) {
      released.add(codec.step((String) spec));
    }
    return new Settled(released, ((Long) reply.get(1)) == 1);
  }

  @Override
  public void enqueued(String workflowId, Collection<String> stepIds) {
    List<String> args = new ArrayList<>();
    args.add(base(workflowId));
    args.addAll(stepIds);
    ENQUEUED.run(
        commands(), ScriptOutputType.INTEGER, keys(workflowId), args.toArray(String[]::new));
  }

  @Override
  public List<StoredStep> ready(String workflowId) {
    List<String> ids = new ArrayList<>(commands().smembers(base(workflowId) + "ready"));
    return specs(workflowId, ids).stream().map(codec::step).toList();
  }

  private List<String> specs(String workflowId, List<String> ids) {
    List<String> specs = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += 500) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
      for (KeyValue<String, String> kv :
          commands().hmget(base(workflowId) + "spec", chunk.toArray(String[]::new))) {
        if (kv.hasValue()) {
          specs.add(kv.getValue());
        }
      }
    }
    return specs;
  }

  @Override
  public Optional<List<StepRecord>> steps(String workflowId) {
    String base = base(workflowId);
    Map<String, String> states = commands().hgetall(base + "state");
    if (states.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> reasons = commands().hgetall(base + "reason");
    Map<String, String> deps = commands().hgetall(base + "deps");
    List<String> order = commands().lrange(base + "order", 0, -1);
    List<StepRecord> records = new ArrayList<>();
    List<String> specs = specs(workflowId, order);
    for (String spec : specs) {
      StoredStep step = codec.step(spec);
      if (step.batchCallback()) {
        step = codec.step(spec, deps.get(step.id()));
      }
      records.add(
          new StepRecord(step, StepCodec.state(states.get(step.id())), reasons.get(step.id())));
    }
    return Optional.of(records);
  }

  @Override
  public Optional<StepRecord> step(String workflowId, String stepId) {
    String base = base(workflowId);
    // The four reads in one round trip: a running step asks for itself before its dependencies.
    var async = redis.asyncCommands();
    RedisFuture<String> spec = async.hget(base + "spec", stepId);
    RedisFuture<String> deps = async.hget(base + "deps", stepId);
    RedisFuture<String> state = async.hget(base + "state", stepId);
    RedisFuture<String> reason = async.hget(base + "reason", stepId);
    if (read(spec) == null) {
      return Optional.empty();
    }
    return Optional.of(
        new StepRecord(
            codec.step(read(spec), read(deps)), StepCodec.state(read(state)), read(reason)));
  }

  @Override
  public Extension extend(String workflowId, StoredStep step) {
    Long done =
        EXTEND.run(
            commands(),
            ScriptOutputType.INTEGER,
            keys(workflowId),
            base(workflowId),
            codec.extendArgument(step));
    return switch (done.intValue()) {
      case 1 -> Extension.ADDED;
      case 0 -> Extension.PRESENT;
      case -1 -> Extension.NO_WORKFLOW;
      default -> Extension.CLOSED;
    };
  }

  @Override
  public Map<String, WorkflowStepState> states(String workflowId, Collection<String> stepIds) {
    Map<String, WorkflowStepState> states = new HashMap<>();
    if (stepIds.isEmpty()) {
      return states;
    }
    String[] ids = stepIds.toArray(String[]::new);
    List<KeyValue<String, String>> values = commands().hmget(base(workflowId) + "state", ids);
    for (int i = 0; i < ids.length; i++) {
      if (values.get(i).hasValue()) {
        states.put(ids[i], StepCodec.state(values.get(i).getValue()));
      }
    }
    return states;
  }

  @Override
  public Map<String, String> results(String workflowId, Collection<String> stepIds) {
    Map<String, String> results = new HashMap<>();
    if (stepIds.isEmpty()) {
      return results;
    }
    String base = base(workflowId);
    String[] ids = stepIds.toArray(String[]::new);
    // Both reads in one round trip: a fan-in step reads thousands of each.
    var async = redis.asyncCommands();
    RedisFuture<List<KeyValue<String, String>>> statesRead = async.hmget(base + "state", ids);
    RedisFuture<List<KeyValue<String, String>>> valuesRead = async.hmget(base + "result", ids);
    List<KeyValue<String, String>> states = read(statesRead);
    List<KeyValue<String, String>> values = read(valuesRead);
    for (int i = 0; i < ids.length; i++) {
      if (states.get(i).hasValue() && "C".equals(states.get(i).getValue())) {
        results.put(ids[i], values.get(i).hasValue() ? values.get(i).getValue() : null);
      }
    }
    return results;
  }

  private static <T> T read(RedisFuture<T> future) {
    return LettuceFutures.awaitOrCancel(future, READ_SECONDS, TimeUnit.SECONDS);
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<StoredStep> cancel(String workflowId) {
    List<Object> specs =
        CANCEL.run(commands(), ScriptOutputType.MULTI, keys(workflowId), base(workflowId));
    return specs.stream().map(s -> codec.step((String) s)).toList();
  }
}
