package dev.errand.queue.broken;

import dev.errand.queue.Job;
import dev.errand.queue.JobContext;
import dev.errand.queue.Process;

/** Processor classes each wrong in one way, registered one at a time by the startup tests. */
public final class BrokenProcessors {

  private BrokenProcessors() {}

  @Job("dup")
  public static final class First {
    @Process("send")
    void send(String text) {}
  }

  @Job("dup")
  public static final class Second {
    @Process("send")
    void sendAgain(String text) {}
  }

  @Job("bad")
  public static final class TwoPayloads {
    @Process("send")
    void send(String to, String body) {}
  }

  @Job("bad")
  public static final class ContextFirst {
    @Process("send")
    void send(JobContext job, String to) {}
  }

  @Job("bad")
  public static final class Unbuildable {
    @Process("run")
    void run(Runnable task) {}
  }

  public static final class NoJobAnnotation {
    @Process("orphan")
    void orphan(String text) {}
  }
}
