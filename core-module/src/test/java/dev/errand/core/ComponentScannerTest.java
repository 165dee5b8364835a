package dev.errand.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import dev.errand.core.scanfixture.Greeter;
import dev.errand.core.scanfixture.TestHandler;
import dev.errand.core.scanfixture.TestJob;
import dev.errand.core.scanfixture.nested.ScheduledTasks;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComponentScannerTest {

  @Test
  void shouldFindClassesByClassOrMethodAnnotationInPackagesAndSubPackages() {
    ScannedComponents found =
        ComponentScanner.builder()
            .packages("dev.errand.core.scanfixture")
            .classAnnotation(TestJob.class)
            .methodAnnotation(TestHandler.class)
            .scan();

    assertThat(found.classes())
        .extracting(Class::getSimpleName)
        .containsExactly("GreetingProcessor", "ScheduledTasks");
    List<AnnotatedMethod<TestHandler>> handlers = found.methods(TestHandler.class);
    assertThat(handlers)
        .extracting(AnnotatedMethod::describe)
        .containsExactly(
            "dev.errand.core.scanfixture.GreetingProcessor#fallback",
            "dev.errand.core.scanfixture.GreetingProcessor#hello",
            "dev.errand.core.scanfixture.nested.ScheduledTasks#tick");
    assertThat(handlers.get(1).annotation().value()).isEqualTo("hello");
  }

  @Test
  void shouldBuildAModuleThatGuiceUsesToConstructSingletons() throws Exception {
    ScannedComponents found =
        ComponentScanner.builder()
            .packages("dev.errand.core.scanfixture")
            .classAnnotation(TestJob.class)
            .scan();
    Injector injector =
        Guice.createInjector(
            found.module(),
            binder -> binder.bind(Greeter.class).toInstance(name -> "hello " + name));

    Class<?> processor = found.classes().get(0);
    Object first = injector.getInstance(processor);
    assertThat(first).isSameAs(injector.getInstance(processor));
    var hello = processor.getDeclaredMethod("hello", String.class);
    hello.setAccessible(true);
    assertThat(hello.invoke(first, "ada")).isEqualTo("hello ada");
  }

  @Test
  void shouldReportTheKeysComponentsInject() {
    ScannedComponents found =
        ComponentScanner.builder()
            .packages("dev.errand.core.scanfixture")
            .classAnnotation(TestJob.class)
            .scan();

    assertThat(found.dependencies()).containsExactly(Key.get(Greeter.class));
  }

  @Test
  void shouldIncludeExplicitlyRegisteredClasses() {
    ScannedComponents found =
        ComponentScanner.builder()
            .classes(ScheduledTasks.class)
            .methodAnnotation(TestHandler.class)
            .scan();

    assertThat(found.classes()).containsExactly(ScheduledTasks.class);
    assertThat(found.methods(TestHandler.class)).hasSize(1);
  }

  @Test
  void shouldRejectAnAbstractComponentNamingIt() {
    assertThatThrownBy(
            () ->
                ComponentScanner.builder()
                    .packages("dev.errand.core.scanabstract")
                    .classAnnotation(TestJob.class)
                    .scan())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dev.errand.core.scanabstract.AbstractProcessor is abstract");
  }

  @Test
  void shouldFindNothingInAPackageWithoutComponents() {
    ScannedComponents found =
        ComponentScanner.builder()
            .packages("dev.errand.core.nosuchpackage")
            .classAnnotation(TestJob.class)
            .scan();

    assertThat(found.classes()).isEmpty();
    assertThat(found.methods(TestHandler.class)).isEmpty();
  }
}
