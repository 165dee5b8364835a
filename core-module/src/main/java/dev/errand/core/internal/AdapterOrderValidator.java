package dev.errand.core.internal;

import com.google.inject.Key;
import dev.errand.core.ErrandStartupException;
import dev.errand.core.spi.Adapter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks, before anything starts, that adapter names are unique and that every adapter's
 * requirements are met by a user module or by an adapter listed before it.
 */
public final class AdapterOrderValidator {

  private AdapterOrderValidator() {}

  /**
   * @param adapters the adapters in start order
   * @param boundByModules keys bound by the user's modules and by Errand's own core bindings
   * @throws ErrandStartupException naming the adapters involved and the fix
   */
  public static void validate(List<Adapter> adapters, Set<Key<?>> boundByModules) {
    Map<String, Integer> positions = new HashMap<>();
    for (int i = 0; i < adapters.size(); i++) {
      Integer earlier = positions.putIfAbsent(adapters.get(i).name(), i);
      if (earlier != null) {
        throw new ErrandStartupException(
            "Two adapters are named '"
                + adapters.get(i).name()
                + "' (positions "
                + (earlier + 1)
                + " and "
                + (i + 1)
                + "): adapter names must be unique; remove the duplicate or give one a"
                + " different name");
      }
    }
    Map<Key<?>, Integer> providers = new HashMap<>();
    for (int i = 0; i < adapters.size(); i++) {
      for (Key<?> key : adapters.get(i).provides()) {
        providers.putIfAbsent(key, i);
      }
    }
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < adapters.size(); i++) {
      Adapter adapter = adapters.get(i);
      for (Key<?> key : adapter.uses()) {
        Integer provider = providers.get(key);
        if (!boundByModules.contains(key) && provider != null && provider > i) {
          problems.add(outOfOrder(adapter, key, adapters.get(provider)));
        }
      }
      for (Key<?> key : adapter.requires()) {
        if (boundByModules.contains(key)) {
          continue;
        }
        Integer provider = providers.get(key);
        if (provider == null) {
          problems.add(
              adapter.name()
                  + " requires "
                  + describe(key)
                  + ", which no adapter provides and no module binds: add the adapter that"
                  + " provides it before "
                  + adapter.name()
                  + ", or bind it in one of your modules");
        } else if (provider > i) {
          problems.add(outOfOrder(adapter, key, adapters.get(provider)));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new ErrandStartupException(
          "The adapters cannot start as listed: " + String.join("; ", problems));
    }
  }

  /**
   * Why Guice could not build the injector, in Errand's words, when the cause is a service of an
   * Errand adapter that is not listed: an adapter's classes inject it, no adapter provides it, no
   * module binds it, and Guice says nothing implements it. Keys an adapter uses optionally (the
   * dashboard's view of the queue) never reach here, as Guice does not fail on them.
   *
   * @param guiceMessage Guice's own message, to tell the keys it missed
   */
  public static Optional<String> explainMissing(
      List<Adapter> adapters, Set<Key<?>> boundByModules, String guiceMessage) {
    Set<Key<?>> provided = new HashSet<>();
    adapters.forEach(a -> provided.addAll(a.provides()));
    List<String> problems = new ArrayList<>();
    for (Adapter adapter : adapters) {
      for (Key<?> key : adapter.uses()) {
        if (boundByModules.contains(key) || provided.contains(key)) {
          continue;
        }
        String missed = "No implementation for " + describe(key) + " was bound";
        if (guiceMessage.contains(missed)) {
          KnownProviders.of(key).ifPresent(known -> problems.add(missing(adapter, key, known)));
        }
      }
    }
    return problems.isEmpty()
        ? Optional.empty()
        : Optional.of("The adapters cannot start as listed: " + String.join("; ", problems));
  }

  private static String missing(Adapter adapter, Key<?> key, KnownProviders.Known known) {
    return adapter.name()
        + "'s classes inject "
        + describe(key)
        + ", which "
        + known.adapter()
        + " provides, but no "
        + known.adapter()
        + " is listed: add "
        + known.example()
        + " to the adapters, before "
        + adapter.name()
        + " ("
        + known.artifact()
        + ")";
  }

  private static String outOfOrder(Adapter adapter, Key<?> key, Adapter provider) {
    return adapter.name()
        + " requires "
        + describe(key)
        + ", which "
        + provider.name()
        + " provides, but "
        + provider.name()
        + " is listed after "
        + adapter.name()
        + ": move "
        + provider.name()
        + " before "
        + adapter.name();
  }

  static String describe(Key<?> key) {
    String type = key.getTypeLiteral().getRawType().getSimpleName();
    if (key.getAnnotationType() == null) {
      return type;
    }
    return key.getAnnotation() != null
        ? type + " " + key.getAnnotation()
        : type + " @" + key.getAnnotationType().getSimpleName();
  }
}
