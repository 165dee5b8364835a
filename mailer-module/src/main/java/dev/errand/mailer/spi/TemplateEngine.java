package dev.errand.mailer.spi;

import java.util.Optional;

/**
 * Renders a named mail template with a model. The built-in engine reads Mustache files from the
 * classpath; plug in another with {@code MailerAdapter.withTemplateEngine(...)}.
 */
public interface TemplateEngine {

  /**
   * Renders the template's parts.
   *
   * @param template the template's name, e.g. {@code welcome}
   * @param model the values the template reads
   * @throws dev.errand.mailer.MailException when the template is missing or cannot be rendered
   */
  Rendered render(String template, Object model);

  /**
   * The rendered parts of a template; at least one of html and text is present.
   *
   * @param subject the rendered subject, if the template has one
   * @param text the plain-text body, if the template has one
   * @param html the HTML body, if the template has one
   */
  record Rendered(Optional<String> subject, Optional<String> text, Optional<String> html) {}
}
