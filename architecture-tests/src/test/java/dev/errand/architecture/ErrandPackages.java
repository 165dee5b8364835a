package dev.errand.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a class sits in Errand's package layout: {@code dev.errand.<module>} is a module's public
 * API, {@code dev.errand.<module>.spi} its extension points and {@code
 * dev.errand.<module>.internal} (with sub-packages) its implementation.
 */
final class ErrandPackages {

  static final String ROOT = "dev.errand";

  /**
   * Modules that are not libraries: the example app is an application (its public classes are no
   * API to anyone, and it has no internal package of its own) and test-support is one package of
   * helpers for Errand's own tests. Both must still stay out of every module's internals, like any
   * user's code, but the API and SPI rules do not apply to them.
   */
  static final Set<String> NOT_LIBRARIES = Set.of("example", "testsupport");

  private ErrandPackages() {}

  /** The module a class belongs to, e.g. {@code queue} for {@code dev.errand.queue.spi.Ack}. */
  static String module(JavaClass type) {
    String[] parts = type.getPackageName().split("\\.");
    return parts.length > 2 ? parts[2] : "";
  }

  static boolean isErrand(JavaClass type) {
    return type.getPackageName().startsWith(ROOT + ".");
  }

  static boolean isInternal(JavaClass type) {
    return isErrand(type) && layer(type).equals("internal");
  }

  static boolean isSpi(JavaClass type) {
    return isErrand(type) && layer(type).equals("spi");
  }

  /** API or SPI: anything of a library module outside its internal package. */
  static boolean isPublicFace(JavaClass type) {
    return isErrand(type) && !NOT_LIBRARIES.contains(module(type)) && !isInternal(type);
  }

  /** A class that code outside its package can see: public, and nested only in such classes. */
  static boolean isExported(JavaClass type) {
    Set<JavaModifier> modifiers = type.getModifiers();
    boolean visible =
        modifiers.contains(JavaModifier.PUBLIC)
            || (!type.isTopLevelClass() && modifiers.contains(JavaModifier.PROTECTED));
    if (!visible || type.isAnonymousClass() || type.isLocalClass()) {
      return false;
    }
    return type.getEnclosingClass().map(ErrandPackages::isExported).orElse(true);
  }

  /** The outermost class, so a nested class or lambda counts as part of the class around it. */
  static JavaClass topLevel(JavaClass type) {
    JavaClass current = type;
    while (current.getEnclosingClass().isPresent()) {
      current = current.getEnclosingClass().get();
    }
    return current;
  }

  private static String layer(JavaClass type) {
    String[] parts = type.getPackageName().split("\\.");
    return parts.length > 3 ? parts[3] : "";
  }

  /**
   * Imports the main classes of Errand's own modules and nothing else. Third-party jars are left
   * out, but Errand's jars are not: under {@code mvn verify} the reactor hands this module its
   * sibling modules as their packaged jars ({@code errand-core-<version>.jar}), under {@code mvn
   * test} as {@code target/classes} directories, and both must be seen. Combined with {@link
   * ImportOption.DoNotIncludeTests}, which drops {@code target/test-classes}.
   */
  public static final class MainClassesOfErrandModules implements ImportOption {
    private static final Pattern ERRAND_JAR = Pattern.compile(".*/errand-[^/]*\\.jar!/.*");

    @Override
    public boolean includes(Location location) {
      return !location.isJar() || location.matches(ERRAND_JAR);
    }
  }
}
