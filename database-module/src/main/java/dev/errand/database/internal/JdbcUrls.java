package dev.errand.database.internal;

import java.util.regex.Pattern;

/** JDBC URL helpers. */
public final class JdbcUrls {

  private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)(password=)[^&;]*");
  private static final Pattern USER_INFO = Pattern.compile("(//[^/@:]*:)[^/@]*@");

  private JdbcUrls() {}

  /** Masks {@code password=...} parameters and {@code user:password@} credentials. */
  public static String redact(String url) {
    String masked = PASSWORD_PARAM.matcher(url).replaceAll("$1***");
    return USER_INFO.matcher(masked).replaceAll("$1***@");
  }
}
