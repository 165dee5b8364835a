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
 * refused and sharding allowed that way. The wrappers extend {@link ForwardingBackend}, whose own
 * must be every method of the SPI.
 */
class BackendDecoratorsTest {

  @Test
  void shouldPassOnEveryMethodOfTheBackendSpi() {
    List<String> inherited =
        Arrays.stream(QueueBackend.class.getMethods())
            .filter(m -> !Modifier.isStatic(m.getModifiers()))
            .filter(m -> !declares(ForwardingBackend.class, m))
            .map(Method::getName)
            .toList();
    assertThat(inherited).as("SPI methods ForwardingBackend does not pass on").isEmpty();
    for (Class<?> wrapper : List.of(ShardedBackend.class, WorkflowBackend.class)) {
      assertThat(wrapper.getSuperclass())
          .as(wrapper.getSimpleName())
          .isEqualTo(ForwardingBackend.class);
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
