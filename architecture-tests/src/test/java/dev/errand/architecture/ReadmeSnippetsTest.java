package dev.errand.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@code ```java} example of the README is compiled by the build: each must appear, token for
 * token, in one of the files that hold them (this module's {@code readme} package, and the testing
 * kit's example test, which also runs). Comments and whitespace are ignored, since the build's
 * formatter moves them; a renamed method or a changed argument in either place fails.
 */
class ReadmeSnippetsTest {

  /** Where the README's examples are compiled, relative to the repository. */
  static final List<String> SNIPPET_ROOTS =
      List.of(
          "architecture-tests/src/test/java/dev/errand/architecture/readme",
          "testing-module/src/test/java/com/acme/jobs");

  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

  private static Path root() {
    Path here = Path.of("").toAbsolutePath();
    return Files.exists(here.resolve("bom")) ? here : here.getParent();
  }

  @Test
  void shouldCompileEveryJavaExampleOfTheReadme() throws IOException {
    List<String> compiled = new ArrayList<>();
    for (String folder : SNIPPET_ROOTS) {
      try (Stream<Path> files = Files.walk(root().resolve(folder))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          compiled.add(tokens(Files.readString(file)));
        }
      }
    }
    List<String> blocks = new ArrayList<>();
    Matcher m = JAVA_BLOCK.matcher(Files.readString(root().resolve("README.md")));
    while (m.find()) {
      blocks.add(m.group(1));
    }

    assertThat(blocks).as("the README's java examples").hasSizeGreaterThanOrEqualTo(10);
    List<String> missing =
        blocks.stream()
            .filter(block -> compiled.stream().noneMatch(file -> file.contains(tokens(block))))
            .toList();
    assertThat(missing)
        .as("README examples found in no file of %s (copy each there as written)", SNIPPET_ROOTS)
        .isEmpty();
  }

  @Test
  void shouldIgnoreOnlyCommentsAndWhitespace() {
    assertThat(tokens("a(1,  2); // one\n/* two */ b(\"x  // y\");"))
        .isEqualTo("a(1,2);b(\"x  // y\");");
  }

  /** {@code source} without comments and without whitespace outside string and char literals. */
  static String tokens(String source) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < source.length()) {
      char c = source.charAt(i);
      if (source.startsWith("//", i)) {
        int end = source.indexOf('\n', i);
        i = end < 0 ? source.length() : end;
      } else if (source.startsWith("/*", i)) {
        int end = source.indexOf("*/", i + 2);
        i = end < 0 ? source.length() : end + 2;
      } else if (c == '"' || c == '\'') {
        int end = i + 1;
        while (end < source.length() && source.charAt(end) != c) {
          end += source.charAt(end) == '\\' ? 2 : 1;
        }
        out.append(source, i, Math.min(end + 1, source.length()));
        i = end + 1;
      } else {
        if (!Character.isWhitespace(c)) {
          out.append(c);
        }
        i++;
      }
    }
    return out.toString();
  }
}
