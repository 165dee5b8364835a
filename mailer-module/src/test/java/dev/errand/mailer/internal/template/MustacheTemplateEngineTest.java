package dev.errand.mailer.internal.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.errand.mailer.CaptureMailer;
import dev.errand.mailer.InvalidMailException;
import dev.errand.mailer.Mail;
import dev.errand.mailer.MailAddress;
import dev.errand.mailer.MailException;
import dev.errand.mailer.internal.DefaultMailerService;
import dev.errand.mailer.internal.MailValidator;
import dev.errand.mailer.spi.TemplateEngine.Rendered;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MustacheTemplateEngineTest {

  private final MustacheTemplateEngine engine =
      new MustacheTemplateEngine("mail", getClass().getClassLoader());

  private final CaptureMailer capture = new CaptureMailer();
  private final DefaultMailerService mailer =
      new DefaultMailerService(
          MailAddress.of("noreply@errand.test"), new MailValidator(1_000), capture, engine);

  private static final String HOSTILE = "<script>alert('x')</script> & \"Co\"";

  private static Map<String, Object> model(String firstName) {
    return Map.of(
        "firstName", firstName,
        "workspace", "Acme",
        "email", "alice@example.com",
        "trustedFooter", "<em>raw</em>");
  }

  @Test
  void shouldEscapeValuesInHtmlTemplates() {
    Rendered rendered = engine.render("welcome", model(HOSTILE));

    String html = rendered.html().orElseThrow();
    assertThat(html)
        .contains("Welcome, &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Co&quot;!")
        .doesNotContain("<script>");
    assertThat(html).as("triple braces write trusted markup").contains("<div><em>raw</em></div>");
    assertThat(html)
        .as("partials come from the same folder")
        .contains("<footer>Sent to alice@example.com</footer>");
  }

  @Test
  void shouldLeaveTextAndSubjectUnescaped() {
    Rendered rendered = engine.render("welcome", model("Tom & Jerry"));

    assertThat(rendered.text()).contains("Welcome, Tom & Jerry!\nYour workspace Acme is ready.\n");
    assertThat(rendered.subject()).contains("Welcome to Acme, Tom & Jerry\n");
  }

  @Test
  void shouldReadRecordsAsModels() {
    record Person(String name) {}

    Rendered rendered = engine.render("text-only", new Person("Ada"));

    assertThat(rendered.text()).contains("Hello Ada\n");
    assertThat(rendered.html()).isEmpty();
    assertThat(rendered.subject()).isEmpty();
  }

  @Test
  void shouldFailNamingTheTemplateWhenAValueIsMissing() {
    assertThatThrownBy(() -> engine.render("welcome", Map.of("firstName", "Ada")))
        .isInstanceOf(MailException.class)
        .hasMessageContaining("template 'welcome'")
        .hasMessageContaining("mail/welcome.html.mustache");
  }

  @Test
  void shouldFailNamingThePathsWhenTheTemplateDoesNotExist() {
    assertThatThrownBy(() -> engine.render("nope", Map.of()))
        .isInstanceOf(MailException.class)
        .hasMessageContaining("mail/nope.html.mustache")
        .hasMessageContaining("mail/nope.text.mustache")
        .hasMessageContaining("MAIL_TEMPLATES");
  }

  @Test
  void shouldFailWhenAPartialIsMissing() {
    assertThatThrownBy(() -> engine.render("broken/partial", Map.of()))
        .isInstanceOf(MailException.class)
        .hasMessageContaining("missing-partial");
  }

  @Test
  void shouldRefuseTemplateNamesThatLeaveTheFolder() {
    assertThatThrownBy(() -> engine.render("../secrets", Map.of()))
        .isInstanceOf(MailException.class)
        .hasMessageContaining("letters, digits");
  }

  @Test
  void shouldSendRenderedTemplateThroughTheMailer() {

    mailer.sendTemplate("welcome", Mail.builder().to("alice@example.com").build(), model("Ada"));

    Mail sent = capture.last().orElseThrow();
    assertThat(sent.subject()).contains("Welcome to Acme, Ada");
    assertThat(sent.html().orElseThrow()).contains("<h1>Welcome, Ada!</h1>");
    assertThat(sent.text().orElseThrow()).contains("Welcome, Ada!");
  }

  @Test
  void shouldKeepTheMailsOwnSubject() {

    mailer.sendTemplate(
        "welcome", Mail.builder().to("alice@example.com").subject("Custom").build(), model("Ada"));

    assertThat(capture.last().orElseThrow().subject()).contains("Custom");
  }

  @Test
  void shouldRefuseASubjectTemplateThatRendersALineBreak() {

    assertThatThrownBy(
            () ->
                mailer.sendTemplate(
                    "welcome",
                    Mail.builder().to("alice@example.com").build(),
                    model("Ada\r\nBcc: victim@example.com")))
        .isInstanceOf(InvalidMailException.class)
        .hasMessageContaining("the subject contains a line break");
    assertThat(capture.count()).isZero();
  }
}
