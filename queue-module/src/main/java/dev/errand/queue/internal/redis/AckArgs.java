package dev.errand.queue.internal.redis;

import dev.errand.queue.JobFailure;
import dev.errand.queue.Retention;
import dev.errand.queue.spi.Ack;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes outcomes as the script arguments {@code cycle.lua} reads: completed runs that share a
 * retention as one group of id and result pairs (the common case, two values a job), any other
 * outcome as eight values.
 */
final class AckArgs {

  private AckArgs() {}

  static void write(List<Ack> acks, List<String> args, long nowMillis) {
    Map<Retention, List<Ack.Complete>> completed = new LinkedHashMap<>();
    String[] one = new String[8];
    for (Ack ack : acks) {
      if (ack instanceof Ack.Complete c) {
        completed.computeIfAbsent(c.retention(), r -> new ArrayList<>()).add(c);
      } else {
        write(ack, one, 0, nowMillis);
        args.addAll(Arrays.asList(one));
      }
    }
    completed.forEach(
        (retention, group) -> {
          args.add("C");
          args.add(Integer.toString(group.size()));
          args.add(Long.toString(retention.maxCount()));
          args.add(
              retention.maxAge() == null ? "-1" : Long.toString(retention.maxAge().toMillis()));
          for (Ack.Complete c : group) {
            args.add(c.id());
            args.add(c.result() == null ? "" : c.result());
          }
        });
  }

  static void write(Ack ack, String[] args, int at, long nowMillis) {
    args[at + 1] = ack.id();
    switch (ack) {
      case Ack.Complete c -> {
        args[at] = "c";
        args[at + 2] = c.result() == null ? "" : c.result();
        args[at + 3] = "";
        args[at + 4] = "";
        retention(c.retention(), args, at);
        args[at + 7] = "0";
      }
      case Ack.Retry r -> {
        args[at] = "r";
        failure(r.failure(), args, at);
        args[at + 5] = "-1";
        args[at + 6] = "-1";
        // The server applies the delay on its own clock.
        args[at + 7] = Long.toString(Math.max(0, r.runAt().toEpochMilli() - nowMillis));
      }
      case Ack.Fail f -> {
        args[at] = f.dead() ? "d" : "f";
        failure(f.failure(), args, at);
        retention(f.retention(), args, at);
        args[at + 7] = "0";
      }
    }
  }

  private static void failure(JobFailure failure, String[] args, int at) {
    args[at + 2] = nonNull(failure.exceptionClass());
    args[at + 3] = nonNull(failure.message());
    args[at + 4] = nonNull(failure.stackTrace());
  }

  private static void retention(Retention retention, String[] args, int at) {
    args[at + 5] = Long.toString(retention.maxCount());
    args[at + 6] = retention.maxAge() == null ? "-1" : Long.toString(retention.maxAge().toMillis());
  }

  private static String nonNull(String value) {
    return value == null ? "" : value;
  }
}
