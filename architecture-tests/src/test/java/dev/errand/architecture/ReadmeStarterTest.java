package dev.errand.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's starter pom.xml and the BOM agree with the build: every Errand artifact the starter
 * names is in the BOM, every artifact in the BOM is a module of the build, and the BOM's version is
 * the build's.
 */
class ReadmeStarterTest {

  private static final Pattern ERRAND_ARTIFACT =
      Pattern.compile("<groupId>dev\\.errand</groupId>\\s*<artifactId>([a-z-]+)</artifactId>");

  private static Path root() {
    Path here = Path.of("").toAbsolutePath();
    return Files.exists(here.resolve("bom")) ? here : here.getParent();
  }

  private static Set<String> artifacts(String xml) {
    Set<String> found = new LinkedHashSet<>();
    Matcher m = ERRAND_ARTIFACT.matcher(xml);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  private static String version(String pom) {
    Matcher m =
        Pattern.compile(
                "<artifactId>errand-(?:parent|bom)</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(pom);
    assertThat(m.find()).as("a version next to the artifact id").isTrue();
    return m.group(1);
  }

  @Test
  void shouldKeepTheStarterPomTheBomAndTheBuildInStep() throws IOException {
    String readme = Files.readString(root().resolve("README.md"));
    String bom = Files.readString(root().resolve("bom/pom.xml"));
    String parent = Files.readString(root().resolve("pom.xml"));
    int start = readme.indexOf("```xml\n<project");
    String starter = readme.substring(start, readme.indexOf("```\n", start + 6));

    Set<String> inBom = artifacts(bom);
    inBom.remove("errand-bom");
    Set<String> inStarter = artifacts(starter);
    inStarter.remove("errand-bom");
    assertThat(inBom).as("the BOM").containsAll(inStarter);
    for (String artifact : inBom) {
      assertThat(parent.contains("<artifactId>" + artifact + "</artifactId>"))
          .as(artifact + " is an artifact of the build")
          .isTrue();
    }
    assertThat(version(bom)).isEqualTo(version(parent));
    assertThat(starter).contains("<version>" + version(parent) + "</version>");
    assertThat(starter).contains("<maven.compiler.release>21</maven.compiler.release>");
    assertThat(starter).contains("logback-classic");
  }
}
