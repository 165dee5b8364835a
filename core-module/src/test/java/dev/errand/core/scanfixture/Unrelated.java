package dev.errand.core.scanfixture;

class Unrelated {
  void nothing() {}
}
