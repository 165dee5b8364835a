package dev.errand.devtools.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's page, its script modules, style sheet and the charting library, read once from
 * the module's resources. Only the files listed here are served: a path cannot reach other
 * resources.
 */
final class PageAssets {

  /** A static file and its content type. */
  record Asset(byte[] bytes, String contentType) {}

  private static final String BASE = "/dev/errand/devtools/internal/web/";
  // uPlot's browser build from its WebJar (org.webjars.npm:uplot), so the page works offline.
  private static final String UPLOT = "/META-INF/resources/webjars/uplot/1.6.30/dist/";
  private static final String CSRF_PLACEHOLDER = "{{csrf}}";
  private static final String JS = "text/javascript; charset=utf-8";
  private static final String CSS = "text/css; charset=utf-8";

  /** The page's ES modules, under {@code js/}. */
  static final List<String> MODULES =
      List.of(
          "main.js",
          "api.js",
          "dom.js",
          "router.js",
          "pages/overview.js",
          "pages/chart.js",
          "pages/jobs.js",
          "pages/job.js",
          "pages/cron.js",
          "pages/schedules.js",
          "pages/workflows.js",
          "pages/workers.js");

  private final String page;
  private final Map<String, Asset> assets = new HashMap<>();

  PageAssets() {
    this.page = new String(read(BASE + "index.html"), StandardCharsets.UTF_8);
    if (!page.contains(CSRF_PLACEHOLDER)) {
      throw new IllegalStateException("index.html lacks the " + CSRF_PLACEHOLDER + " placeholder");
    }
    assets.put("/assets/app.css", new Asset(read(BASE + "app.css"), CSS));
    for (String module : MODULES) {
      assets.put("/assets/js/" + module, new Asset(read(BASE + "js/" + module), JS));
    }
    assets.put(
        "/assets/vendor/uPlot.iife.min.js", new Asset(read(UPLOT + "uPlot.iife.min.js"), JS));
    assets.put("/assets/vendor/uPlot.min.css", new Asset(read(UPLOT + "uPlot.min.css"), CSS));
  }

  /**
   * The page with the session's CSRF token in its meta tag. The token is base64url text, so it
   * needs no escaping inside the attribute.
   */
  byte[] page(String csrfToken) {
    return page.replace(CSRF_PLACEHOLDER, csrfToken).getBytes(StandardCharsets.UTF_8);
  }

  Optional<Asset> asset(String path) {
    return Optional.ofNullable(assets.get(path));
  }

  private static byte[] read(String resource) {
    try (InputStream in = PageAssets.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Missing dashboard resource " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read dashboard resource " + resource, e);
    }
  }
}
