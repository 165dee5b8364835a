package dev.errand.mailer.internal.template;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import dev.errand.mailer.MailException;
import dev.errand.mailer.spi.TemplateEngine;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Renders Mustache templates (jmustache) from the classpath. For a template named {@code welcome}
 * under the prefix {@code mail}, it reads {@code mail/welcome.html.mustache}, {@code
 * mail/welcome.text.mustache} and {@code mail/welcome.subject.mustache}; at least one body must
 * exist. Partials ({@code {{> footer}}}) are read from the same folder.
 *
 * <p>In html templates every {@code {{value}}} is HTML-escaped; only {@code {{{value}}}} writes raw
 * markup. Text and subject templates are plain text, so nothing is escaped there (the mailer still
 * refuses a subject containing a line break). A value the model lacks fails the render rather than
 * leaving a silent gap. Compiled templates are cached.
 */
public final class MustacheTemplateEngine implements TemplateEngine {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*");
  private static final Template MISSING = Mustache.compiler().compile("");

  private final String prefix;
  private final ClassLoader loader;
  private final Mustache.Compiler html;
  private final Mustache.Compiler plain;
  private final Map<String, Template> cache = new ConcurrentHashMap<>();

  /**
   * @param prefix the classpath folder holding the templates, e.g. {@code mail}
   * @param loader where to look them up
   */
  public MustacheTemplateEngine(String prefix, ClassLoader loader) {
    this.prefix = prefix.isEmpty() ? "" : prefix + "/";
    this.loader = loader;
    Mustache.TemplateLoader partials = name -> reader(name + ".mustache");
    this.html = Mustache.compiler().escapeHTML(true).withLoader(partials);
    this.plain = Mustache.compiler().escapeHTML(false).withLoader(partials);
  }

  @Override
  public Rendered render(String template, Object model) {
    if (!NAME.matcher(template).matches()) {
      throw failure(template, "the name may hold letters, digits, '_', '-' and '/' only");
    }
    Optional<String> htmlBody = render(template, "html", html, model);
    Optional<String> textBody = render(template, "text", plain, model);
    if (htmlBody.isEmpty() && textBody.isEmpty()) {
      throw failure(
          template,
          "neither "
              + path(template, "html")
              + " nor "
              + path(template, "text")
              + " is on the classpath; add one or check MAIL_TEMPLATES");
    }
    return new Rendered(render(template, "subject", plain, model), textBody, htmlBody);
  }

  private Optional<String> render(
      String name, String part, Mustache.Compiler compiler, Object model) {
    String path = path(name, part);
    Template template = cache.computeIfAbsent(path, p -> compile(name, p, compiler));
    if (template == MISSING) {
      return Optional.empty();
    }
    try {
      return Optional.of(template.execute(model));
    } catch (MustacheException e) {
      throw failure(name, path + ": " + e.getMessage());
    }
  }

  private Template compile(String name, String path, Mustache.Compiler compiler) {
    try (Reader reader = optionalReader(path)) {
      if (reader == null) {
        return MISSING;
      }
      return compiler.compile(reader);
    } catch (MustacheException e) {
      throw failure(name, path + " does not compile: " + e.getMessage());
    } catch (IOException e) {
      throw failure(name, "cannot read " + path + ": " + e.getMessage());
    }
  }

  private String path(String name, String part) {
    return prefix + name + "." + part + ".mustache";
  }

  private Reader reader(String relative) throws FileNotFoundException {
    Reader reader = optionalReader(prefix + relative);
    if (reader == null) {
      throw new FileNotFoundException("partial " + prefix + relative + " is not on the classpath");
    }
    return reader;
  }

  private Reader optionalReader(String path) {
    InputStream in = loader.getResourceAsStream(path);
    return in == null ? null : new InputStreamReader(in, StandardCharsets.UTF_8);
  }

  private static MailException failure(String template, String reason) {
    return new MailException("templates", "template '" + template + "': " + reason, false, null);
  }
}
