package dev.errand.devtools.spi;

import java.time.Instant;

/**
 * Hears of every action taken through the dashboard (retry, remove, pause, trigger, ...), whether
 * it succeeded or was refused, so operators can keep an audit trail of who changed what. The
 * default auditor logs each action; register more with {@code DevToolsAdapter#withAuditor}.
 * Implementations must be quick and must not throw.
 */
@FunctionalInterface
public interface ActionAuditor {

  /** Called once per action request, after it was answered. */
  void onAction(Action action);

  /**
   * One action request.
   *
   * @param method the HTTP method (always POST for actions)
   * @param path the API path, e.g. {@code /api/queues/email/jobs/42/retry}
   * @param caller {@code bearer} for a client with the token, {@code session:<first 8 characters>}
   *     for a browser session
   * @param status the HTTP status it was answered with
   * @param at when it was answered
   */
  record Action(String method, String path, String caller, int status, Instant at) {}
}
