package dev.errand.core.scanfixture;

import jakarta.inject.Inject;

@TestJob("greetings")
final class GreetingProcessor {
  final Greeter greeter;

  @Inject
  GreetingProcessor(Greeter greeter) {
    this.greeter = greeter;
  }

  @TestHandler("hello")
  String hello(String name) {
    return greeter.greet(name);
  }

  @TestHandler
  void fallback(String name) {}

  void notAHandler() {}
}
