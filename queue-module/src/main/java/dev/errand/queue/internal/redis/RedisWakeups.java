package dev.errand.queue.internal.redis;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How this process's idle workers wait on Redis without a connection each: one subscription to the
 * key prefix's wake channel, on the process's one pub/sub connection, and a signal per queue. A
 * worker's fetch that leased less than it asked for registers it in the queue's idle hash, in the
 * same script call; the scripts that make jobs ready publish the queue on the channel while the
 * hash exists ({@code wake-worker.lua}), and the message releases that queue's signal here. A
 * worker used to hold a connection blocked in BLPOP on a marker list: a process consuming hundreds
 * of queues held hundreds of connections.
 *
 * <p>Pub/sub delivers at most once. Wake-ups published while the connection was down are made up
 * for when Redis confirms the subscription again: every waiting worker fetches. While the channel
 * is not subscribed, idle waits last {@value #UNHEARD_WAIT_MILLIS} ms at most; and every idle wait
 * is bounded by the worker ({@code JOBS_IDLE_CHECK_INTERVAL}), so a lost message costs that much at
 * worst. The subscription ends with {@link RedisEvents#close}.
 */
final class RedisWakeups {

  /**
   * How long a queue's idle hash outlives its last registration: past the longest idle wait, which
   * registers again, so a worker that died or stopped costs the queue's adds a publish for this
   * long at most.
   */
  static final Duration IDLE_TTL = Duration.ofMinutes(15);

  /**
   * The longest one idle wait lasts here, whatever the worker asks: well within {@link #IDLE_TTL}.
   */
  static final Duration LONGEST_WAIT = Duration.ofMinutes(10);

  static final long UNHEARD_WAIT_MILLIS = 1000;

  private final RedisEvents events;
  private final String channel;

  /** One signal per queue this process waits on, by the queue's key prefix (what is published). */
  private final Map<String, Semaphore> signals = new ConcurrentHashMap<>();

  private final ReentrantLock subscribing = new ReentrantLock();
  private volatile AutoCloseable subscription;

  /**
   * @param channel the wake channel of the key prefix ({@link QueueKeys#wakeChannel})
   */
  RedisWakeups(RedisEvents events, String channel) {
    this.events = events;
    this.channel = channel;
  }

  /**
   * Subscribes to the wake channel before a worker's first fetch, so nothing published after the
   * fetch registers the worker goes unheard; if Redis does not answer, it keeps trying in the
   * background. Quick once done.
   */
  void listen() {
    if (subscription != null) {
      return;
    }
    // A lock that parks virtual threads: hundreds of workers may arrive here at once.
    subscribing.lock();
    try {
      if (subscription == null) {
        subscription = events.listen(channel, null, this::woken, this::wakeAll);
      }
    } finally {
      subscribing.unlock();
    }
  }

  /** Forgets the wake-ups of {@code base}'s queue so far: its worker is about to fetch. */
  void clear(String base) {
    signal(base).drainPermits();
  }

  /**
   * Waits until a wake-up for {@code base}'s queue arrives (one that came since {@link #clear}
   * counts), or {@code timeout} passes.
   */
  void await(String base, Duration timeout) throws InterruptedException {
    long longest = events.isHeard(channel) ? LONGEST_WAIT.toMillis() : UNHEARD_WAIT_MILLIS;
    long millis = Math.min(timeout.toMillis(), longest);
    if (millis < 1) {
      return;
    }
    Semaphore signal = signal(base);
    if (signal.tryAcquire(millis, TimeUnit.MILLISECONDS)) {
      signal.drainPermits();
    }
  }

  private Semaphore signal(String base) {
    return signals.computeIfAbsent(base, b -> new Semaphore(0));
  }

  /** A job this process added is ready: its own idle worker of that queue need not wait. */
  void wakeLocal(String base) {
    woken(base);
  }

  /**
   * A message: the key prefix of a queue that may have work. Other processes' queues are not here.
   */
  private void woken(String base) {
    Semaphore signal = signals.get(base);
    if (signal != null) {
      wake(signal);
    }
  }

  /** The channel is subscribed (again): whatever was published before is lost, so all look. */
  private void wakeAll() {
    signals.values().forEach(RedisWakeups::wake);
  }

  private static void wake(Semaphore signal) {
    // At most one pending wake-up: a worker fetches once for any number of them.
    if (signal.availablePermits() == 0) {
      signal.release();
    }
  }
}
