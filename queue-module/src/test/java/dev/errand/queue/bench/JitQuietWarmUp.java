package dev.errand.queue.bench;

import java.lang.management.ManagementFactory;

/**
 * Runs a benchmark's warm-up rounds until the JIT is quiet: at least {@code errand.bench.warmups}
 * rounds (default 3), then more until {@value #QUIET_ROUNDS} in a row compiled for under {@value
 * #QUIET_JIT_MS} ms each, for at most {@code errand.bench.warmupSeconds} (default 120). On two
 * cores the compiler threads take one of them for the first tens of seconds, and the workflow's
 * paths (more code, each called less often than a job's) compile last: measured any earlier, the
 * workflow's figures are mostly the JIT's (about 90 ms of compiler CPU a round after 15 warm-up
 * rounds, against almost none after 150).
 */
final class JitQuietWarmUp {

  private static final int WARMUPS = Integer.getInteger("errand.bench.warmups", 3);
  private static final int QUIET_ROUNDS = 3;
  private static final long QUIET_JIT_MS = 30;
  private static final int WARMUP_SECONDS = Integer.getInteger("errand.bench.warmupSeconds", 120);

  /** One warm-up round, numbered from 0. */
  interface Round {
    void run(int number) throws Exception;
  }

  private JitQuietWarmUp() {}

  /** Runs {@code round} until the JIT is quiet or time is up; returns how many rounds ran. */
  static int run(Round round) throws Exception {
    long deadline = System.nanoTime() + WARMUP_SECONDS * 1_000_000_000L;
    int quiet = 0;
    int w = 0;
    while (w < WARMUPS || (quiet < QUIET_ROUNDS && System.nanoTime() < deadline)) {
      long jit = jitMillis();
      round.run(w);
      quiet = jitMillis() - jit < QUIET_JIT_MS ? quiet + 1 : 0;
      w++;
    }
    System.err.printf("warmed up in %d rounds (JIT quiet: %b)%n", w, quiet >= QUIET_ROUNDS);
    return w;
  }

  /** The time this JVM's compilers have spent so far, in ms. */
  static long jitMillis() {
    return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
  }
}
