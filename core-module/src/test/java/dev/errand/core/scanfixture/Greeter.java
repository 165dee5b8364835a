package dev.errand.core.scanfixture;

public interface Greeter {
  String greet(String name);
}
