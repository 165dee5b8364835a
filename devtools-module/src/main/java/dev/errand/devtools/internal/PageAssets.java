package dev.errand.devtools.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/** The dashboard's page, script and style sheet, read once from the module's resources. */
final class PageAssets {

  /** A static file and its content type. */
  record Asset(byte[] bytes, String contentType) {}

  private static final String BASE = "/dev/errand/devtools/internal/web/";
  private static final String CSRF_PLACEHOLDER = "{{csrf}}";

  private final String page;
  private final Map<String, Asset> assets;

  PageAssets() {
    this.page = new String(read("index.html"), StandardCharsets.UTF_8);
    if (!page.contains(CSRF_PLACEHOLDER)) {
      throw new IllegalStateException("index.html lacks the " + CSRF_PLACEHOLDER + " placeholder");
    }
    this.assets =
        Map.of(
            "/assets/app.js", new Asset(read("app.js"), "text/javascript; charset=utf-8"),
            "/assets/app.css", new Asset(read("app.css"), "text/css; charset=utf-8"));
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

  private static byte[] read(String name) {
    try (InputStream in = PageAssets.class.getResourceAsStream(BASE + name)) {
      if (in == null) {
        throw new IllegalStateException("Missing dashboard resource " + BASE + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read dashboard resource " + BASE + name, e);
    }
  }
}
