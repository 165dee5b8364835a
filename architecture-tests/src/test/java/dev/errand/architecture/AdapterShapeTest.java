package dev.errand.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.errand.core.Health;
import dev.errand.core.Settings;
import dev.errand.core.spi.Adapter;
import io.github.classgraph.ClassGraph;
import io.github.classgraph.ScanResult;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every adapter Errand ships has one shape: built without settings it reads the application's; its
 * options are {@code withXxx(..)} methods that fail once an application is built with it; its
 * health before start is "not started"; and every settings type offers {@code from(Settings)},
 * {@code fromEnv()} and {@code defaults()}.
 */
class AdapterShapeTest {

  private static final List<String> SHIPPED =
      List.of(
          "dev.errand.database.DatabaseAdapter",
          "dev.errand.mailer.MailerAdapter",
          "dev.errand.queue.QueueAdapter",
          "dev.errand.cron.CronAdapter",
          "dev.errand.devtools.DevToolsAdapter");

  @Test
  void shouldFindEveryShippedAdapter() {
    assertThat(adapters()).extracting(Class::getName).containsAll(SHIPPED);
  }

  @Test
  void shouldNameEveryOptionWithXxx() {
    List<String> bare = new ArrayList<>();
    for (Class<?> adapter : adapters()) {
      for (Method option : options(adapter, false)) {
        if (!option.getName().startsWith("with")) {
          bare.add(adapter.getSimpleName() + "." + option.getName());
        }
      }
    }
    assertThat(bare).as("options not named withXxx").isEmpty();
  }

  @Test
  void shouldBeBuildableWithoutSettingsAndReportNotStartedBeforeStart() throws Exception {
    for (Class<?> adapter : adapters()) {
      Adapter built = withoutSettings(adapter);
      assertThat(built.health()).as(adapter.getSimpleName()).isEqualTo(Health.notStarted());
    }
  }

  @Test
  void shouldRefuseEveryOptionOnceAnApplicationIsBuiltWithIt() throws Exception {
    List<String> accepted = new ArrayList<>();
    for (Class<?> adapter : adapters()) {
      for (Method option : options(adapter, true)) {
        Adapter built = withoutSettings(adapter);
        built.attach(Settings.of(Map.of()));
        try {
          option.invoke(built, placeholders(option));
          accepted.add(adapter.getSimpleName() + "." + option.getName());
        } catch (InvocationTargetException e) {
          if (!(e.getCause() instanceof IllegalStateException refused)
              || !refused.getMessage().contains(adapter.getSimpleName() + "." + option.getName())) {
            accepted.add(adapter.getSimpleName() + "." + option.getName() + ": " + e.getCause());
          }
        }
      }
    }
    assertThat(accepted).as("options that did not refuse a change after the build").isEmpty();
  }

  @Test
  void shouldGiveEverySettingsTypeFromFromEnvAndDefaults() throws Exception {
    List<Class<?>> types = settingsTypes();
    assertThat(types)
        .extracting(Class::getSimpleName)
        .contains(
            "RedisSettings",
            "DatabaseSettings",
            "QueueSettings",
            "MailerSettings",
            "CronSettings",
            "DevToolsSettings");
    for (Class<?> type : types) {
      for (Method factory :
          List.of(
              type.getMethod("defaults"),
              type.getMethod("fromEnv"),
              type.getMethod("from", Settings.class))) {
        assertThat(Modifier.isStatic(factory.getModifiers()))
            .as(type.getSimpleName() + "." + factory.getName() + " is static")
            .isTrue();
        assertThat(factory.getReturnType()).isEqualTo(type);
      }
      assertThat(type.getMethod("defaults").invoke(null))
          .as(type.getSimpleName() + ".defaults()")
          .isNotNull();
    }
  }

  /** An adapter's public methods that return the adapter itself, for chaining: its options. */
  private static List<Method> options(Class<?> adapter, boolean withOnly) {
    List<Method> options = new ArrayList<>();
    for (Method method : adapter.getDeclaredMethods()) {
      if (Modifier.isPublic(method.getModifiers())
          && !Modifier.isStatic(method.getModifiers())
          && method.getReturnType() == adapter
          && !method.isAnnotationPresent(Deprecated.class)
          && (!withOnly || method.getName().startsWith("with"))) {
        options.add(method);
      }
    }
    return options;
  }

  private static Object[] placeholders(Method method) {
    Class<?>[] types = method.getParameterTypes();
    Object[] values = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      if (types[i] == boolean.class) {
        values[i] = false;
      } else if (types[i].isPrimitive()) {
        values[i] = 0;
      } else if (types[i].isArray()) {
        values[i] = java.lang.reflect.Array.newInstance(types[i].getComponentType(), 0);
      }
    }
    return values;
  }

  /** Built as a user who gives no settings would: {@code new X()} or {@code new X(packages...)}. */
  private static Adapter withoutSettings(Class<?> adapter) throws Exception {
    for (Constructor<?> constructor : adapter.getConstructors()) {
      Class<?>[] params = constructor.getParameterTypes();
      if (params.length == 0) {
        return (Adapter) constructor.newInstance();
      }
      if (params.length == 1 && params[0] == String[].class) {
        return (Adapter) constructor.newInstance((Object) new String[0]);
      }
    }
    throw new AssertionError(adapter.getName() + " has no constructor without settings");
  }

  private static List<Class<?>> adapters() {
    try (ScanResult scan = scan()) {
      return scan.getClassesImplementing(Adapter.class.getName()).stream()
          .filter(info -> info.isPublic() && !info.isAbstract() && isLibraryApi(info.getName()))
          .<Class<?>>map(info -> info.loadClass())
          .toList();
    }
  }

  private static List<Class<?>> settingsTypes() {
    try (ScanResult scan = scan()) {
      return scan.getAllClasses().stream()
          .filter(
              info ->
                  info.isPublic()
                      && !info.isInnerClass()
                      && info.getSimpleName().endsWith("Settings")
                      && !info.getName().equals(Settings.class.getName())
                      && isLibraryApi(info.getName()))
          .<Class<?>>map(info -> info.loadClass())
          .toList();
    }
  }

  private static ScanResult scan() {
    return new ClassGraph().enableClassInfo().acceptPackages(ErrandPackages.ROOT).scan();
  }

  /** A class of a library module's public API: dev.errand.<module>.<Class>. */
  private static boolean isLibraryApi(String name) {
    String[] parts = name.split("\\.");
    return parts.length == 4
        && !parts[2].equals("example")
        && !parts[2].equals("testsupport")
        && !parts[2].equals("architecture");
  }
}
