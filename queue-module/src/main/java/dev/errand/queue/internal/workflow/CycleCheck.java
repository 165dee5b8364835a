package dev.errand.queue.internal.workflow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Finds a cycle among a workflow's steps, to refuse it with the steps that form it named. */
final class CycleCheck {

  private enum Mark {
    VISITING,
    DONE
  }

  private CycleCheck() {}

  /**
   * A cycle as the step ids along it, the first repeated at the end ({@code a -> b -> a}), or an
   * empty list when the steps form none. Iterative, so a chain of 100,000 steps is no deeper a
   * stack than one step.
   */
  static List<String> find(Map<String, List<String>> dependsOn) {
    Map<String, Mark> marks = new HashMap<>();
    for (String start : dependsOn.keySet()) {
      if (marks.containsKey(start)) {
        continue;
      }
      List<String> path = new ArrayList<>();
      List<Integer> next = new ArrayList<>();
      path.add(start);
      next.add(0);
      marks.put(start, Mark.VISITING);
      while (!path.isEmpty()) {
        int top = path.size() - 1;
        String step = path.get(top);
        List<String> deps = dependsOn.getOrDefault(step, List.of());
        int i = next.get(top);
        if (i == deps.size()) {
          marks.put(step, Mark.DONE);
          path.remove(top);
          next.remove(top);
          continue;
        }
        next.set(top, i + 1);
        String dep = deps.get(i);
        Mark mark = marks.get(dep);
        if (mark == Mark.VISITING) {
          List<String> cycle = new ArrayList<>(path.subList(path.indexOf(dep), path.size()));
          cycle.add(dep);
          return cycle;
        }
        if (mark == null) {
          marks.put(dep, Mark.VISITING);
          path.add(dep);
          next.add(0);
        }
      }
    }
    return List.of();
  }
}
