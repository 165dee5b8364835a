package dev.errand.core.scriptfixture;

/** Anchors the test scripts and fragments in this package's resource folder. */
public final class ScriptFixtures {

  private ScriptFixtures() {}
}
