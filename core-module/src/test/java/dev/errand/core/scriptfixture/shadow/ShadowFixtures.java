package dev.errand.core.scriptfixture.shadow;

/** Anchors scripts whose own fragment has the name of a shared one. */
public final class ShadowFixtures {

  private ShadowFixtures() {}
}
