package dev.errand.queue.internal;

import com.fasterxml.jackson.databind.JavaType;
import dev.errand.queue.JobContext;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * One {@code @Process} method, ready to call: its payload type, whether it takes a {@link
 * JobContext}, and the instance Guice built.
 */
public final class JobHandler {

  private final String queue;
  private final String name;
  private final Class<?> type;
  private final Method method;
  private final JavaType payloadType;
  private final boolean takesContext;
  private volatile Object target;

  JobHandler(
      String queue,
      String name,
      Class<?> type,
      Method method,
      JavaType payloadType,
      boolean takesContext) {
    this.queue = queue;
    this.name = name;
    this.type = type;
    this.method = method;
    this.payloadType = payloadType;
    this.takesContext = takesContext;
    method.setAccessible(true);
  }

  public String queue() {
    return queue;
  }

  /** The job name handled, empty for a catch-all. */
  public String name() {
    return name;
  }

  public Class<?> type() {
    return type;
  }

  public JavaType payloadType() {
    return payloadType;
  }

  /** {@code com.acme.EmailProcessor#sendWelcome}. */
  public String describe() {
    return type.getName() + "#" + method.getName();
  }

  void bind(Object target) {
    this.target = target;
  }

  /**
   * Calls the method.
   *
   * @throws InvocationTargetException wrapping what the handler threw
   */
  public Object invoke(Object payload, JobContext context)
      throws InvocationTargetException, IllegalAccessException {
    return takesContext ? method.invoke(target, payload, context) : method.invoke(target, payload);
  }
}
