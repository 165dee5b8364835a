package dev.errand.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Lua script from the classpath and replaces each line {@code --- @include "name"} with the
 * text of {@code name.lua}, itself expanded the same way. A fragment is looked up in the script's
 * own package folder first, then in {@link #SHARED_FOLDER}, so a module may shadow a shared
 * fragment. Each fragment goes in once per script, where it is first named, so a script and the
 * fragments it includes may each name what they use without defining the same functions twice.
 */
public final class LuaIncludes {

  /** Core's folder of fragments that any script may include, such as {@code server-time}. */
  public static final String SHARED_FOLDER = "dev/errand/core/redis/";

  private static final Pattern INCLUDE = Pattern.compile("^\\s*---\\s*@include\\b(.*)$");
  private static final Pattern FRAGMENT_NAME =
      Pattern.compile("\\s*\"([A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+)*)\"\\s*");

  private final Class<?> anchor;
  private final String folder;
  private final String script;
  private final Set<String> included = new HashSet<>();
  private final Deque<String> expanding = new ArrayDeque<>();

  private LuaIncludes(Class<?> anchor, String script) {
    this.anchor = anchor;
    this.folder = anchor.getPackageName().replace('.', '/') + "/";
    this.script = folder + script + ".lua";
  }

  /**
   * The text of {@code name.lua} in {@code anchor}'s package, includes expanded.
   *
   * @throws IllegalStateException when the script or a fragment it includes is missing, or the
   *     includes form a cycle; the message names the script and the fragment
   */
  public static String expand(Class<?> anchor, String name) {
    LuaIncludes includes = new LuaIncludes(anchor, name);
    URL url = anchor.getResource(name + ".lua");
    if (url == null) {
      throw new IllegalStateException(
          "Missing Redis script " + includes.script + " (loaded for " + anchor.getName() + ")");
    }
    return includes.expand(name, read(url));
  }

  private String expand(String name, String text) {
    expanding.push(name);
    StringBuilder out = new StringBuilder(text.length());
    for (String line : text.lines().toList()) {
      Matcher include = INCLUDE.matcher(line);
      if (!include.matches()) {
        out.append(line).append('\n');
        continue;
      }
      String fragment = fragmentName(name, include.group(1));
      if (expanding.contains(fragment)) {
        throw new IllegalStateException(
            "Redis script " + script + " has an include cycle: " + cycle(fragment));
      }
      if (included.add(fragment)) {
        out.append(expand(fragment, read(find(name, fragment))));
      }
    }
    expanding.pop();
    return out.toString();
  }

  private String fragmentName(String includer, String argument) {
    Matcher name = FRAGMENT_NAME.matcher(argument);
    if (!name.matches()) {
      throw new IllegalStateException(
          "Redis script "
              + script
              + ": "
              + includer
              + ".lua has a malformed include; write --- @include \"fragment-name\"");
    }
    return name.group(1);
  }

  private URL find(String includer, String fragment) {
    URL own = anchor.getResource(fragment + ".lua");
    if (own != null) {
      return own;
    }
    URL shared = LuaIncludes.class.getResource("/" + SHARED_FOLDER + fragment + ".lua");
    if (shared != null) {
      return shared;
    }
    throw new IllegalStateException(
        "Redis script "
            + script
            + ": "
            + includer
            + ".lua includes fragment \""
            + fragment
            + "\", which is neither "
            + folder
            + fragment
            + ".lua nor "
            + SHARED_FOLDER
            + fragment
            + ".lua");
  }

  /** The chain from the fragment's first expansion back to itself, e.g. {@code a -> b -> a}. */
  private String cycle(String fragment) {
    List<String> chain = new ArrayList<>();
    for (var it = expanding.descendingIterator(); it.hasNext(); ) {
      chain.add(it.next());
    }
    chain = new ArrayList<>(chain.subList(chain.indexOf(fragment), chain.size()));
    chain.add(fragment);
    return String.join(" -> ", chain);
  }

  private static String read(URL url) {
    try (InputStream in = url.openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read Redis script " + url, e);
    }
  }
}
