package dev.errand.testsupport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * What one logger logs while this is open, for tests that check a warning or a line: open it with
 * {@link #of}, read {@link #events} or {@link #messages}, and close it to stop capturing (and give
 * the logger back its level).
 */
public final class CapturedLog implements AutoCloseable {

  private final Logger logger;
  private final Level levelBefore;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private CapturedLog(Logger logger, Level level) {
    this.logger = logger;
    this.levelBefore = logger.getLevel();
    if (level != null) {
      logger.setLevel(level);
    }
    appender.start();
    logger.addAppender(appender);
  }

  /** Captures the logger of {@code source} at the level the tests' configuration gives it. */
  public static CapturedLog of(Class<?> source) {
    return of(source.getName(), null);
  }

  /**
   * Captures the logger named {@code name}, at {@code level} while open (null: as configured), for
   * lines below the level the tests log.
   */
  public static CapturedLog of(String name, Level level) {
    return new CapturedLog((Logger) LoggerFactory.getLogger(name), level);
  }

  /** The events logged so far, in order. */
  public List<ILoggingEvent> events() {
    synchronized (appender) {
      return List.copyOf(appender.list);
    }
  }

  /** The events logged so far at {@code level}. */
  public List<ILoggingEvent> at(Level level) {
    return events().stream().filter(event -> event.getLevel() == level).toList();
  }

  /** The formatted messages logged so far, in order. */
  public List<String> messages() {
    return events().stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    logger.setLevel(levelBefore);
  }
}
