package dev.errand.example.usecase;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds {@code @name} mentions in a comment body. */
public final class Mentions {

  /** User names are letters, digits, '.', '_' and '-', so a mention ends at anything else. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,50}");

  private static final Pattern MENTION = Pattern.compile("(?<![A-Za-z0-9._-])@([A-Za-z0-9._-]+)");

  private Mentions() {}

  /** The mentioned names, in order of first appearance, without the {@code @}. */
  public static Set<String> in(String body) {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = MENTION.matcher(body);
    while (m.find()) {
      String name = m.group(1).replaceAll("[.]+$", "");
      if (!name.isEmpty()) {
        names.add(name);
      }
    }
    return names;
  }
}
