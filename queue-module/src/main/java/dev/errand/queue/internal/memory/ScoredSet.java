package dev.errand.queue.internal.memory;

import dev.errand.queue.Retention;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Job ids ordered by a score, ties broken by insertion: the in-memory counterpart of a Redis sorted
 * set. Not thread-safe; its queue's lock guards it.
 */
final class ScoredSet {

  private record Entry(long score, long tie, String id) {}

  private static final Comparator<Entry> ORDER =
      Comparator.comparingLong(Entry::score).thenComparingLong(Entry::tie);

  private final TreeSet<Entry> ordered = new TreeSet<>(ORDER);
  private final Map<String, Entry> byId = new HashMap<>();
  private long ties;

  void put(String id, long score) {
    remove(id);
    Entry entry = new Entry(score, ties++, id);
    ordered.add(entry);
    byId.put(id, entry);
  }

  boolean remove(String id) {
    Entry entry = byId.remove(id);
    if (entry == null) {
      return false;
    }
    ordered.remove(entry);
    return true;
  }

  boolean contains(String id) {
    return byId.containsKey(id);
  }

  int size() {
    return byId.size();
  }

  /** The lowest score, or null when empty. */
  Long firstScore() {
    return ordered.isEmpty() ? null : ordered.first().score();
  }

  /** Removes and returns up to {@code max} ids with the lowest scores. */
  List<String> popFirst(int max) {
    List<String> ids = new ArrayList<>();
    while (ids.size() < max && !ordered.isEmpty()) {
      Entry entry = ordered.pollFirst();
      byId.remove(entry.id());
      ids.add(entry.id());
    }
    return ids;
  }

  /** Removes and returns the ids scored at most {@code score}. */
  List<String> popUpTo(long score) {
    List<String> ids = new ArrayList<>();
    Iterator<Entry> it = ordered.iterator();
    while (it.hasNext()) {
      Entry entry = it.next();
      if (entry.score() > score) {
        break;
      }
      it.remove();
      byId.remove(entry.id());
      ids.add(entry.id());
    }
    return ids;
  }

  /**
   * Removes what {@code retention} no longer keeps of a set scored by finish time: entries older
   * than its maximum age, then the oldest beyond its maximum count. Hands each id to {@code
   * removed}.
   */
  void trim(Retention retention, long now, Consumer<String> removed) {
    if (retention.maxAge() != null) {
      popUpTo(now - retention.maxAge().toMillis() - 1).forEach(removed);
    }
    if (retention.maxCount() >= 0 && size() > retention.maxCount()) {
      popFirst((int) (size() - retention.maxCount())).forEach(removed);
    }
  }

  /** Ids from the highest score down, skipping {@code offset}. */
  List<String> descending(int offset, int limit) {
    return ordered.descendingSet().stream().skip(offset).limit(limit).map(Entry::id).toList();
  }

  /** Ids from the lowest score up, skipping {@code offset}. */
  List<String> ascending(int offset, int limit) {
    return ordered.stream().skip(offset).limit(limit).map(Entry::id).toList();
  }
}
