package dev.errand.mailer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MailAddressTest {

  @Test
  void shouldEscapeLineBreaksInTheErrorSoLoggingItCannotForgeLines() {
    assertThatThrownBy(() -> MailAddress.parse("ann@example.com\r\nINFO forged line"))
        .isInstanceOf(InvalidMailException.class)
        .hasMessageContaining("ann@example.com\\r\\nINFO forged line")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\r", "\n"));
  }

  @Test
  void shouldParseBareAddress() {
    MailAddress address = MailAddress.parse("  alice@example.com ");

    assertThat(address.address()).isEqualTo("alice@example.com");
    assertThat(address.name()).isEmpty();
    assertThat(address).hasToString("alice@example.com");
  }

  @Test
  void shouldParseDisplayNameForms() {
    assertThat(MailAddress.parse("Alice Smith <alice@example.com>").name()).contains("Alice Smith");
    MailAddress quoted = MailAddress.parse("\"Smith, Alice \\\"Al\\\"\" <alice@example.com>");
    assertThat(quoted.name()).contains("Smith, Alice \"Al\"");
    assertThat(quoted.address()).isEqualTo("alice@example.com");
  }

  @Test
  void shouldQuoteNamesWithSpecialCharactersWhenFormatted() {
    assertThat(MailAddress.of("alice@example.com", "Smith, Alice"))
        .hasToString("\"Smith, Alice\" <alice@example.com>");
    assertThat(MailAddress.of("alice@example.com", "Alice"))
        .hasToString("Alice <alice@example.com>");
    assertThat(MailAddress.parse(MailAddress.of("a@example.com", "Say \"hi\"").toString()).name())
        .contains("Say \"hi\"");
  }

  @Test
  void shouldConvertInternationalDomainToAscii() {
    assertThat(MailAddress.of("info@bücher.example").address())
        .isEqualTo("info@xn--bcher-kva.example");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "alice",
        "alice@",
        "@example.com",
        "alice@@example.com",
        "alice..smith@example.com",
        ".alice@example.com",
        "alice.@example.com",
        "alice smith@example.com",
        "\"alice\"@example.com",
        "alice@example..com",
        "alice@-example.com",
        "alice@example-.com",
        "alice@[127.0.0.1]",
        "alice@exa_mple.com",
        "alice@example.com>",
        "Alice <alice@example.com",
        "Alice <alice@example.com> trailing",
        "Al\"ice <alice@example.com>",
        "alice@example.com\r\nBcc: victim@example.com"
      })
  void shouldRefuseMalformedAddresses(String text) {
    assertThatThrownBy(() -> MailAddress.parse(text))
        .isInstanceOf(InvalidMailException.class)
        .hasMessageContaining("not a valid email address");
  }

  @Test
  void shouldRefuseLineBreakInDisplayName() {
    assertThatThrownBy(() -> MailAddress.of("alice@example.com", "Alice\r\nBcc: x@example.com"))
        .isInstanceOf(InvalidMailException.class)
        .hasMessageContaining("alice@example.com")
        .hasMessageContaining("control character");
  }

  @Test
  void shouldRefuseOverlongLocalPart() {
    assertThatThrownBy(() -> MailAddress.of("a".repeat(65) + "@example.com"))
        .isInstanceOf(InvalidMailException.class)
        .hasMessageContaining("64");
  }

  @Test
  void shouldNameTheFieldWhenTheBuilderRefusesAnAddress() {
    assertThatThrownBy(() -> Mail.builder().cc("bob@"))
        .isInstanceOf(InvalidMailException.class)
        .hasMessageContaining("cc: 'bob@' is not a valid email address");
  }
}
