package dev.errand.devtools.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The page's files: ES modules of under 300 lines each, and the chart library from its jar. */
class PageAssetsTest {

  private final PageAssets assets = new PageAssets();

  @Test
  void shouldServeThePageAsModulesOfUnder300LinesEach() {
    String page = new String(assets.page("csrf"), StandardCharsets.UTF_8);
    assertThat(page).contains("<script type=\"module\" src=\"/assets/js/main.js\">");
    for (String module : PageAssets.MODULES) {
      PageAssets.Asset asset = assets.asset("/assets/js/" + module).orElseThrow();
      String text = new String(asset.bytes(), StandardCharsets.UTF_8);
      assertThat(text.lines().count()).as(module).isLessThan(300);
      assertThat(asset.contentType()).startsWith("text/javascript");
      // Text-only rendering: no module writes markup from strings.
      assertThat(text).as(module).doesNotContain("innerHTML").doesNotContain("insertAdjacentHTML");
    }
  }

  @Test
  void shouldServeUplotFromItsWebJar() {
    assertThat(assets.asset("/assets/vendor/uPlot.iife.min.js").orElseThrow().bytes().length)
        .isGreaterThan(10_000);
    assertThat(assets.asset("/assets/vendor/uPlot.min.css")).isPresent();
    assertThat(assets.asset("/assets/app.js")).isEmpty();
    assertThat(assets.asset("/assets/js/../../index.html")).isEmpty();
  }
}
