package dev.errand.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static dev.errand.architecture.BoundaryConditions.notDependOnAnotherModulesInternals;
import static dev.errand.architecture.BoundaryConditions.notDependOnInternalsUnless;
import static dev.errand.architecture.BoundaryConditions.notExposeInternalTypes;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Errand's package boundaries, checked on the main classes of every module by {@code mvn verify}.
 *
 * <p>Each module keeps its public API in {@code dev.errand.<module>}, its extension points in
 * {@code dev.errand.<module>.spi} and its implementation in {@code dev.errand.<module>.internal}.
 * These rules hold that line: no module uses another's internals, and no public signature hands an
 * internal type to users. The example app and test-support are checked by the first rule only (see
 * {@link ErrandPackages#NOT_LIBRARIES}).
 */
@AnalyzeClasses(
    packages = ErrandPackages.ROOT,
    importOptions = {
      ImportOption.DoNotIncludeTests.class,
      ErrandPackages.MainClassesOfErrandModules.class
    })
class ArchitectureTest {

  /**
   * The modules whose main classes the rules must see. A new module belongs here and, as a test
   * dependency, in this module's pom.
   */
  static final Set<String> MODULES =
      Set.of(
          "core",
          "database",
          "queue",
          "postgres",
          "mailer",
          "cron",
          "tck",
          "devtools",
          "testing",
          "example",
          "testsupport");

  /**
   * Every module, the example app and test-support included: both are written like users' code, and
   * users import only API and SPI. A module's own internal package is its own business.
   */
  static final ArchRule NO_OTHER_MODULES_INTERNALS =
      classes()
          .that(are("in Errand's packages", ErrandPackages::isErrand))
          .should(notDependOnAnotherModulesInternals())
          .because(
              "a module may use only the public API (dev.errand.<m>) and SPI (dev.errand.<m>.spi)"
                  + " of another; to fix it, make what is needed public API or SPI in the module"
                  + " that owns it (behind a method of its adapter or an existing API class), or"
                  + " keep a copy in the using module's own internal package");

  /**
   * What a user can see of an API or SPI class: superclass and interfaces, and public or protected
   * fields, constructors and methods (see {@link BoundaryConditions#notExposeInternalTypes}).
   */
  static final ArchRule NO_INTERNAL_TYPES_IN_PUBLIC_SIGNATURES =
      classes()
          .that(are("public API or SPI classes of a library module", ErrandPackages::isPublicFace))
          .should(notExposeInternalTypes())
          .because(
              "users compile against these signatures, so an internal type in them is public API"
                  + " in all but name; to fix it, take or return an API or SPI type (an interface"
                  + " in dev.errand.<m>.spi the internal class implements, or a record in"
                  + " dev.errand.<m>), or make the member package-private");

  /** Stricter than the API: no SPI class uses an internal class at all, not even in a body. */
  static final ArchRule NO_INTERNALS_IN_SPI =
      classes()
          .that(are("in an SPI package (dev.errand.<m>.spi)", ErrandPackages::isSpi))
          .should(
              notDependOnInternalsUnless("not depend on the module's internal package", c -> false))
          .because(
              "users implement the SPI, so it must make sense without the implementation; to fix"
                  + " it, move what the SPI needs into dev.errand.<m>.spi or dev.errand.<m>");

  // Not a rule: "API classes never use internals". A public type may be a thin face over an
  // internal class (as Guice's Multibinder is over RealMultibinder; Errand's RedisScript over
  // LuaIncludes), so what is checked is only what users can see: signatures and the SPI.

  // The rules run from @ArchTest methods, not @ArchTest fields: surefire 3.5.3, which the build
  // uses, silently skips fields (SUREFIRE-2298, fixed in 3.5.4), and a skipped rule passes.
  @ArchTest
  static void shouldNotDependOnAnotherModulesInternals(JavaClasses classes) {
    NO_OTHER_MODULES_INTERNALS.check(classes);
  }

  @ArchTest
  static void shouldNotExposeInternalTypesInPublicSignatures(JavaClasses classes) {
    NO_INTERNAL_TYPES_IN_PUBLIC_SIGNATURES.check(classes);
  }

  @ArchTest
  static void shouldKeepSpiFreeOfInternals(JavaClasses classes) {
    NO_INTERNALS_IN_SPI.check(classes);
  }

  @ArchTest
  static void shouldImportMainClassesOfEveryModule(JavaClasses classes) {
    Set<String> seen =
        classes.stream()
            .filter(ErrandPackages::isErrand)
            .map(ErrandPackages::module)
            .collect(Collectors.toCollection(TreeSet::new));
    if (!seen.containsAll(MODULES)) {
      throw new AssertionError(
          "The rules saw main classes of modules "
              + seen
              + " but not all of "
              + new TreeSet<>(MODULES)
              + ": add the missing module as a test dependency of architecture-tests, or check"
              + " that ErrandPackages.MainClassesOfErrandModules still accepts where its classes"
              + " come from");
    }
  }

  private static DescribedPredicate<JavaClass> are(String description, Predicate<JavaClass> test) {
    return DescribedPredicate.describe("are " + description, test::test);
  }
}
