package dev.errand.core;

import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import dev.errand.core.spi.Adapter;
import java.util.List;
import java.util.Set;

/** A test adapter that records its lifecycle calls into a shared journal. */
class RecordingAdapter implements Adapter {

  private final String name;
  private final List<String> journal;
  private Set<Key<?>> provides = Set.of();
  private Set<Key<?>> requires = Set.of();
  private Set<Key<?>> uses = Set.of();
  private Module module = binder -> {};
  private RuntimeException failOnStart;
  private Health health = Health.ok();

  RecordingAdapter(String name, List<String> journal) {
    this.name = name;
    this.journal = journal;
  }

  RecordingAdapter provides(Class<?> type, Object instance) {
    this.provides = Set.of(Key.get(type));
    @SuppressWarnings("unchecked")
    Class<Object> raw = (Class<Object>) type;
    this.module = binder -> binder.bind(raw).toInstance(instance);
    return this;
  }

  RecordingAdapter requires(Class<?> type) {
    this.requires = Set.of(Key.get(type));
    return this;
  }

  RecordingAdapter uses(Class<?> type) {
    this.uses = Set.of(Key.get(type));
    return this;
  }

  RecordingAdapter failOnStart(RuntimeException failure) {
    this.failOnStart = failure;
    return this;
  }

  RecordingAdapter health(Health health) {
    this.health = health;
    return this;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Module module() {
    return module;
  }

  @Override
  public Set<Key<?>> provides() {
    return provides;
  }

  @Override
  public Set<Key<?>> requires() {
    return requires;
  }

  @Override
  public Set<Key<?>> uses() {
    return uses;
  }

  @Override
  public void start(Injector injector) {
    journal.add("start " + name);
    if (failOnStart != null) {
      throw failOnStart;
    }
  }

  @Override
  public void ready(Injector injector) {
    journal.add("ready " + name);
  }

  @Override
  public void stop() {
    journal.add("stop " + name);
  }

  @Override
  public Health health() {
    return health;
  }
}
