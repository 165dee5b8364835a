package dev.errand.architecture;

import static dev.errand.architecture.ErrandPackages.isExported;
import static dev.errand.architecture.ErrandPackages.isInternal;
import static dev.errand.architecture.ErrandPackages.module;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.domain.SourceCodeLocation;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Collection;
import java.util.function.Predicate;

/** The checks behind {@link ArchitectureTest}'s rules; each violation names the code and place. */
final class BoundaryConditions {

  private BoundaryConditions() {}

  /** No dependency on {@code dev.errand.<other>.internal..}, except those {@code allowed}. */
  static ArchCondition<JavaClass> notDependOnAnotherModulesInternals() {
    return new ArchCondition<>("not depend on another module's internal package") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
          JavaClass target = dependency.getTargetClass().getBaseComponentType();
          if (isInternal(target) && !module(target).equals(module(origin))) {
            events.add(
                SimpleConditionEvent.violated(
                    dependency,
                    "module '%s' uses internal class %s of module '%s': %s"
                        .formatted(
                            module(origin),
                            target.getName(),
                            module(target),
                            dependency.getDescription())));
          }
        }
      }
    };
  }

  /** No dependency on an internal package, except from classes {@code mayUseInternals} accepts. */
  static ArchCondition<JavaClass> notDependOnInternalsUnless(
      String description, Predicate<JavaClass> mayUseInternals) {
    return new ArchCondition<>(description) {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        if (mayUseInternals.test(origin)) {
          return;
        }
        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
          JavaClass target = dependency.getTargetClass().getBaseComponentType();
          // Another module's internals are the first rule's business; report each breach once.
          if (isInternal(target) && module(target).equals(module(origin))) {
            events.add(
                SimpleConditionEvent.violated(
                    dependency,
                    "%s uses internal class %s: %s"
                        .formatted(
                            origin.getName(), target.getName(), dependency.getDescription())));
          }
        }
      }
    };
  }

  /**
   * An exported class shows no internal type to its users: not as superclass or interface (type
   * arguments included), nor in a public or protected field, constructor or method (parameters,
   * return type, declared exceptions, type parameter bounds).
   */
  static ArchCondition<JavaClass> notExposeInternalTypes() {
    return new ArchCondition<>("not expose internal types in public signatures") {
      @Override
      public void check(JavaClass type, ConditionEvents events) {
        if (!isExported(type)) {
          return;
        }
        String where = where(type.getSourceCodeLocation());
        type.getSuperclass()
            .ifPresent(s -> report(events, type, "extends", s, type.getName(), where));
        for (JavaType implemented : type.getInterfaces()) {
          report(events, type, "implements", implemented, type.getName(), where);
        }
        for (JavaType parameter : type.getTypeParameters()) {
          report(events, type, "has a type parameter bound to", parameter, type.getName(), where);
        }
        type.getFields().stream()
            .filter(BoundaryConditions::isVisible)
            .forEach(f -> report(events, type, "is of", f.getType(), name(f), where(f)));
        type.getCodeUnits().stream()
            .filter(BoundaryConditions::isVisible)
            .forEach(unit -> checkCodeUnit(events, type, unit));
      }
    };
  }

  private static void checkCodeUnit(ConditionEvents events, JavaClass type, JavaCodeUnit unit) {
    for (JavaType parameter : unit.getParameterTypes()) {
      report(events, type, "takes a parameter of", parameter, name(unit), where(unit));
    }
    report(events, type, "returns", unit.getReturnType(), name(unit), where(unit));
    for (JavaClass thrown : unit.getThrowsClause().getTypes()) {
      report(events, type, "declares it throws", thrown, name(unit), where(unit));
    }
    for (JavaType parameter : unit.getTypeParameters()) {
      report(events, type, "has a type parameter bound to", parameter, name(unit), where(unit));
    }
  }

  private static void report(
      ConditionEvents events,
      JavaClass type,
      String relation,
      JavaType exposed,
      String member,
      String where) {
    Collection<JavaClass> involved = exposed.getAllInvolvedRawTypes();
    for (JavaClass raw : involved) {
      JavaClass internal = raw.getBaseComponentType();
      if (isInternal(internal)) {
        events.add(
            SimpleConditionEvent.violated(
                type,
                "<%s> %s internal type %s%s %s"
                    .formatted(
                        member,
                        relation,
                        internal.getName(),
                        internal.getName().equals(exposed.getName())
                            ? ""
                            : " (in " + exposed.getName() + ")",
                        where)));
      }
    }
  }

  /** Public or protected, and written by hand: bridge methods and lambdas are not signatures. */
  private static boolean isVisible(JavaMember member) {
    var modifiers = member.getModifiers();
    return (modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED))
        && !modifiers.contains(JavaModifier.SYNTHETIC)
        && !modifiers.contains(JavaModifier.BRIDGE);
  }

  private static String name(JavaMember member) {
    return member.getFullName();
  }

  private static String where(JavaMember member) {
    return where(member.getSourceCodeLocation());
  }

  /** {@code (File.java:12)}, or {@code (File.java)} where the class file records no line. */
  private static String where(SourceCodeLocation location) {
    return location.getLineNumber() > 0
        ? location.toString()
        : "(" + location.getSourceFileName() + ")";
  }
}
