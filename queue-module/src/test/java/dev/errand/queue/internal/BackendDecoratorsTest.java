package dev.errand.queue.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.queue.internal.shard.ShardedBackend;
import dev.errand.queue.internal.workflow.WorkflowBackend;
import dev.errand.queue.spi.QueueBackend;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The queue layer wraps the backend (sharding, workflows). A wrapper that does not pass on one of
 * the SPI's default methods silently answers with the default instead of the backend: caps were
 * refused and sharding allowed that way. Every method of the SPI must be the wrapper's own.
 */
class BackendDecoratorsTest {

  @Test
  void shouldPassOnEveryMethodOfTheBackendSpi() {
    for (Class<?> wrapper : List.of(ShardedBackend.class, WorkflowBackend.class)) {
      List<String> inherited =
          Arrays.stream(QueueBackend.class.getMethods())
              .filter(m -> !Modifier.isStatic(m.getModifiers()))
              .filter(m -> !declares(wrapper, m))
              .map(Method::getName)
              .toList();
      assertThat(inherited)
          .as("SPI methods %s does not pass on", wrapper.getSimpleName())
          .isEmpty();
    }
  }

  private static boolean declares(Class<?> type, Method method) {
    try {
      type.getDeclaredMethod(method.getName(), method.getParameterTypes());
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }
}
