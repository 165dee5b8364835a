package dev.errand.core.scanfixture.nested;

import dev.errand.core.scanfixture.TestHandler;

public class ScheduledTasks {
  @TestHandler("tick")
  public void tick() {}
}
