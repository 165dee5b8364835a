package dev.errand.devtools.internal;

import dev.errand.devtools.spi.ActionAuditor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default audit trail: one log line per dashboard action. */
public final class LoggingAuditor implements ActionAuditor {

  private static final Logger log = LoggerFactory.getLogger("dev.errand.devtools.audit");

  @Override
  public void onAction(Action action) {
    log.info(
        "DevTools action {} {} by {} answered {}",
        action.method(),
        action.path(),
        action.caller(),
        action.status());
  }
}
