package dev.errand.queue.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.errand.queue.JobContext;
import java.lang.reflect.InvocationTargetException;

/**
 * One handler called in the calling thread, outside any worker, inside the application's
 * interceptors as a worker calls it: for code that runs jobs itself.
 */
public final class HandlerCall {

  private HandlerCall() {}

  /**
   * Reads {@code payloadJson} into the handler's payload type and calls it.
   *
   * @return what the handler returned
   * @throws IllegalArgumentException when no handler takes the job, or its payload does not map
   * @throws Exception what the handler threw, as it threw it, or an interceptor's failure naming it
   */
  public static Object run(
      HandlerRegistry registry,
      ObjectMapper mapper,
      String queue,
      String name,
      String payloadJson,
      JobContext job,
      Interceptors interceptors)
      throws Exception {
    HandlerTable table = registry.table(queue);
    JobHandler handler = table == null ? null : table.find(name);
    if (handler == null) {
      throw new IllegalArgumentException(
          "No @Process method handles job '" + name + "' of queue '" + queue + "' here");
    }
    Object payload;
    try {
      payload = mapper.readValue(payloadJson, handler.payloadType());
    } catch (Exception e) {
      throw new IllegalArgumentException(
          "The payload of job '%s' (queue '%s') does not map to %s taken by %s: %s"
              .formatted(
                  name,
                  queue,
                  handler.payloadType().toCanonical(),
                  handler.describe(),
                  e.getMessage()),
          e);
    }
    try {
      Object typed = payload;
      return interceptors.isEmpty()
          ? handler.invoke(typed, job)
          : interceptors.around(job, () -> handler.invoke(typed, job));
    } catch (InvocationTargetException e) {
      // The caller wants the handler's own exception, as a worker's failure record names it.
      if (e.getCause() instanceof Exception handlerError) {
        throw handlerError;
      }
      if (e.getCause() instanceof Error handlerError) {
        throw handlerError;
      }
      throw e;
    }
  }
}
