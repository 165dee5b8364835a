package dev.errand.mailer;

import java.net.IDN;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An email address with an optional display name, parsed strictly.
 *
 * <p>Accepted forms are {@code alice@example.com}, {@code Alice <alice@example.com>} and {@code
 * "Smith, Alice" <alice@example.com>}. The address must be a dot-atom local part, an {@code @} and
 * a domain of letters, digits and hyphens (an internationalised domain is converted to its ASCII
 * form). Quoted local parts, IP-literal domains, comments and group syntax are refused, and so is
 * any control character in the display name, so a name can never inject a header.
 */
public final class MailAddress {

  private static final Pattern LOCAL_PART =
      Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
  private static final Pattern DOMAIN_LABEL =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

  private final String address;
  private final String name;

  private MailAddress(String address, String name) {
    this.address = address;
    this.name = name;
  }

  /** An address without a display name; fails with {@link InvalidMailException} if malformed. */
  public static MailAddress of(String address) {
    return of(address, null);
  }

  /**
   * An address with a display name (null or blank for none); fails with {@link
   * InvalidMailException} if the address is malformed or the name contains a control character.
   */
  public static MailAddress of(String address, String name) {
    Objects.requireNonNull(address, "address");
    return new MailAddress(checkAddress(address.strip()), checkName(name, address));
  }

  /**
   * Parses {@code alice@example.com}, {@code Alice <alice@example.com>} or {@code "Smith, Alice"
   * <alice@example.com>}; fails with {@link InvalidMailException} naming the input.
   */
  public static MailAddress parse(String text) {
    Objects.requireNonNull(text, "text");
    String trimmed = text.strip();
    int open = trimmed.lastIndexOf('<');
    if (open < 0 && trimmed.indexOf('>') < 0) {
      return of(trimmed);
    }
    if (open < 0 || !trimmed.endsWith(">")) {
      throw invalid(text, "angle brackets must enclose the address at the end");
    }
    String name = unquote(trimmed.substring(0, open).strip(), text);
    return of(trimmed.substring(open + 1, trimmed.length() - 1), name);
  }

  /** The bare address, e.g. {@code alice@example.com}. */
  public String address() {
    return address;
  }

  /** The display name, if one was given. */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /** The domain part, lower-cased. */
  public String domain() {
    return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
  }

  private static String checkAddress(String address) {
    int at = address.lastIndexOf('@');
    if (at <= 0 || at == address.length() - 1) {
      throw invalid(address, "it needs a local part, an @ and a domain");
    }
    String local = address.substring(0, at);
    String domain = toAsciiDomain(address, address.substring(at + 1));
    if (local.length() > 64 || !LOCAL_PART.matcher(local).matches()) {
      throw invalid(
          address,
          "the part before @ may hold letters, digits and !#$%&'*+/=?^_`{|}~-"
              + " separated by single dots (at most 64 characters)");
    }
    if (domain.length() > 253) {
      throw invalid(address, "the domain is longer than 253 characters");
    }
    for (String label : domain.split("\\.", -1)) {
      if (!DOMAIN_LABEL.matcher(label).matches()) {
        throw invalid(
            address,
            "the domain must be labels of letters, digits and inner hyphens"
                + " separated by single dots");
      }
    }
    String result = local + "@" + domain;
    if (result.length() > 254) {
      throw invalid(address, "the address is longer than 254 characters");
    }
    return result;
  }

  private static String toAsciiDomain(String address, String domain) {
    if (domain.chars().allMatch(c -> c < 0x80)) {
      return domain;
    }
    try {
      return IDN.toASCII(domain, 0);
    } catch (IllegalArgumentException e) {
      throw invalid(address, "the domain is not a valid internationalised domain name");
    }
  }

  private static String checkName(String name, String address) {
    if (name == null || name.isBlank()) {
      return null;
    }
    if (name.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidMailException(
          "the display name for '"
              + address.strip()
              + "' contains a control character (CR, LF or similar), which could inject a header;"
              + " remove it");
    }
    return name.strip();
  }

  private static String unquote(String name, String text) {
    if (name.length() < 2 || !name.startsWith("\"")) {
      if (name.indexOf('"') >= 0) {
        throw invalid(text, "a display name containing quotes must be fully quoted");
      }
      return name;
    }
    if (!name.endsWith("\"")) {
      throw invalid(text, "the quoted display name is not closed");
    }
    StringBuilder out = new StringBuilder();
    for (int i = 1; i < name.length() - 1; i++) {
      char c = name.charAt(i);
      if (c == '\\' && i + 1 < name.length() - 1) {
        c = name.charAt(++i);
      } else if (c == '"' || c == '\\') {
        throw invalid(text, "a quote or backslash inside a quoted display name must be escaped");
      }
      out.append(c);
    }
    return out.toString();
  }

  private static InvalidMailException invalid(String text, String why) {
    return new InvalidMailException("'" + text + "' is not a valid email address: " + why);
  }

  /**
   * The address as a header value: {@code alice@example.com}, {@code Alice <alice@example.com>}, or
   * with the name quoted when it holds characters that are special in headers.
   */
  @Override
  public String toString() {
    if (name == null) {
      return address;
    }
    boolean plain =
        name.chars()
            .allMatch(c -> Character.isLetterOrDigit(c) || " !#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0);
    String shown = plain ? name : "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    return shown + " <" + address + ">";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MailAddress other
        && address.equals(other.address)
        && Objects.equals(name, other.name);
  }

  @Override
  public int hashCode() {
    return Objects.hash(address, name);
  }
}
