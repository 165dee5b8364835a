package dev.errand.queue.internal;

import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import dev.errand.queue.JobContext;
import dev.errand.queue.JobOptions;
import dev.errand.queue.SnoozeJobException;
import dev.errand.queue.UnrecoverableJobException;
import dev.errand.queue.spi.JobInterceptor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link JobInterceptor}s of one application, in the order they run: those registered on the
 * adapter, then those bound in a Guice multibinder, sorted by {@link JobInterceptor#order()}. With
 * none, adds and runs go straight through.
 */
public final class Interceptors {

  private static final Logger log = LoggerFactory.getLogger(Interceptors.class);

  /** The set a Guice {@code Multibinder<JobInterceptor>} binds. */
  public static final Key<Set<JobInterceptor>> BOUND =
      Key.get(new TypeLiteral<Set<JobInterceptor>>() {});

  private final List<JobInterceptor> registered = new ArrayList<>();
  private volatile List<JobInterceptor> ordered = List.of();

  /** Adds {@code interceptor} after those registered so far. */
  public synchronized void register(JobInterceptor interceptor) {
    registered.add(interceptor);
    ordered = sorted(registered);
  }

  /** Adds the interceptors bound in the application's multibinder, once it has started. */
  public synchronized void collect(Injector injector) {
    registered.addAll(injector.getInstance(BOUND));
    ordered = sorted(registered);
  }

  private static List<JobInterceptor> sorted(List<JobInterceptor> list) {
    List<JobInterceptor> copy = new ArrayList<>(list);
    copy.sort(Comparator.comparingInt(JobInterceptor::order));
    return List.copyOf(copy);
  }

  boolean isEmpty() {
    return ordered.isEmpty();
  }

  /** The options job {@code name} of {@code queue} is added with, after every interceptor. */
  JobOptions onAdd(String queue, String name, JobOptions options) {
    JobOptions current = options;
    for (JobInterceptor interceptor : ordered) {
      try {
        current = interceptor.onAdd(queue, name, current);
      } catch (RuntimeException e) {
        throw new IllegalStateException(
            describe(interceptor)
                + " failed adding job '"
                + name
                + "' to queue '"
                + queue
                + "': "
                + e.getMessage(),
            e);
      }
      if (current == null) {
        throw new IllegalStateException(
            describe(interceptor)
                + " returned no options for job '"
                + name
                + "' of queue '"
                + queue
                + "': return the options it was given");
      }
    }
    return current;
  }

  /** A handler call, as {@link JobHandler#invoke} makes it. */
  @FunctionalInterface
  interface Call {
    Object invoke() throws InvocationTargetException, IllegalAccessException;
  }

  /**
   * Runs {@code call} inside every interceptor's run hooks, with no end but the handler's. See
   * {@link #around(JobContext, Call, Supplier)}.
   */
  Object around(JobContext job, Call call)
      throws InvocationTargetException, IllegalAccessException {
    return around(job, call, () -> null);
  }

  /**
   * Runs {@code call} inside every interceptor's run hooks. The handler's own exceptions come out
   * as the call threw them; an interceptor's come out as a {@link RuntimeException} naming it. A
   * call that returns after the run was ended without it ({@code ended} then says why: a timeout, a
   * cancel) is a failure to the interceptors: they hear {@code onFailure}, not {@code afterRun}.
   */
  Object around(JobContext job, Call call, Supplier<Throwable> ended)
      throws InvocationTargetException, IllegalAccessException {
    List<JobInterceptor> list = ordered;
    int entered = 0;
    try {
      for (JobInterceptor interceptor : list) {
        try {
          interceptor.beforeRun(job);
        } catch (Exception e) {
          throw named(interceptor, "before", job, e);
        }
        entered++;
      }
      Object result = call.invoke();
      Throwable endedBy = ended.get();
      if (endedBy != null) {
        failed(list, entered, job, endedBy);
        return result;
      }
      for (int i = entered - 1; i >= 0; i--) {
        try {
          list.get(i).afterRun(job, result);
        } catch (Exception e) {
          throw named(list.get(i), "after", job, e);
        }
      }
      return result;
    } catch (InvocationTargetException e) {
      failed(list, entered, job, e.getCause());
      throw e;
    } catch (IllegalAccessException | RuntimeException e) {
      failed(list, entered, job, e);
      throw e;
    }
  }

  private static void failed(List<JobInterceptor> list, int entered, JobContext job, Throwable e) {
    for (int i = entered - 1; i >= 0; i--) {
      try {
        list.get(i).onFailure(job, e);
      } catch (RuntimeException hookError) {
        log.warn(
            "{} failed in onFailure of job {} of queue '{}'; the run fails with its own error",
            describe(list.get(i)),
            job.id(),
            job.queue(),
            hookError);
      }
    }
  }

  /** An interceptor's exception, as the run's failure: named, and as recoverable as it was. */
  private static RuntimeException named(
      JobInterceptor interceptor, String when, JobContext job, Exception e) {
    if (e instanceof SnoozeJobException snooze) {
      return snooze;
    }
    String message =
        describe(interceptor)
            + " failed "
            + when
            + " the run of job "
            + job.id()
            + " ('"
            + job.name()
            + "', queue '"
            + job.queue()
            + "'): "
            + e.getClass().getSimpleName()
            + ": "
            + e.getMessage();
    return e instanceof UnrecoverableJobException
        ? new UnrecoverableJobException(message, e)
        : new InterceptorFailedException(message, e);
  }

  private static String describe(JobInterceptor interceptor) {
    return "JobInterceptor " + interceptor.getClass().getName();
  }

  /** An interceptor failed a run; the run is retried as after a handler's failure. */
  static final class InterceptorFailedException extends RuntimeException {
    InterceptorFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
