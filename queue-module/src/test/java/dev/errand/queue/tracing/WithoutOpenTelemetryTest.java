package dev.errand.queue.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** OpenTelemetry is optional: without it on the classpath the queue starts and runs jobs. */
class WithoutOpenTelemetryTest {

  @Test
  void shouldRunJobsWithoutOpenTelemetryOnTheClasspath() throws Exception {
    String classpath =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> !entry.contains("opentelemetry") && !entry.contains("micrometer"))
            .collect(Collectors.joining(File.pathSeparator));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(java, "-cp", classpath, UntracedMain.class.getName())
            .redirectErrorStream(true)
            .start();
    boolean exited = child.waitFor(60, TimeUnit.SECONDS);
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!exited) {
      child.destroyForcibly();
    }

    assertThat(exited).as(output).isTrue();
    assertThat(child.exitValue()).as(output).isZero();
    List<String> lines = output.lines().toList();
    assertThat(lines).contains("opentelemetry absent");
    assertThat(lines).anyMatch(line -> line.startsWith("job COMPLETED") && line.contains("pong x"));
  }
}
