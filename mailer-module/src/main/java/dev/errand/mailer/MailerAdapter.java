package dev.errand.mailer;

import com.google.inject.AbstractModule;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import dev.errand.core.Health;
import dev.errand.core.Settings;
import dev.errand.core.spi.Adapter;
import dev.errand.core.spi.AdapterSetup;
import dev.errand.mailer.internal.DefaultMailerService;
import dev.errand.mailer.internal.DryRunProvider;
import dev.errand.mailer.internal.MailValidator;
import dev.errand.mailer.internal.ProviderFactory;
import dev.errand.mailer.internal.template.MustacheTemplateEngine;
import dev.errand.mailer.spi.MailProvider;
import dev.errand.mailer.spi.TemplateEngine;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mailer layer: binds {@link MailerService} (and {@link CaptureMailer} with the capture
 * provider) and reports the provider's health. List it before the queue, whose processors inject
 * the mailer.
 *
 * <pre>{@code
 * ErrandApp app = ErrandApp.builder()
 *     .adapters(
 *         new DatabaseAdapter(),
 *         new MailerAdapter(),                    // MAIL_* from the app's settings
 *         new QueueAdapter("com.acme.jobs"))
 *     .start();
 *
 * @Job("email")
 * final class EmailProcessor {
 *   private final MailerService mailer;
 *   @Inject EmailProcessor(MailerService mailer) { this.mailer = mailer; }
 *
 *   @Process("send-welcome-email")
 *   void sendWelcome(WelcomeEmail data) {
 *     mailer.send(Mail.builder()
 *         .to(data.email())
 *         .subject("Welcome, " + data.firstName())
 *         .text("Your account is ready.")
 *         .build());
 *   }
 * }
 * }</pre>
 *
 * <p>{@code MAIL_PROVIDER} chooses console (the default: mail is logged, not sent), smtp, http (a
 * Resend-compatible API) or capture (kept in memory for tests); {@link #withProvider} plugs in your
 * own. With {@code MAIL_ENABLED=false} every mail is validated and logged but not sent. Health
 * reports whether the SMTP server answers (connect, EHLO, NOOP) or that the HTTP API is configured.
 */
public final class MailerAdapter implements Adapter {

  private static final Logger log = LoggerFactory.getLogger(MailerAdapter.class);
  private static final Logger dryRunLog = LoggerFactory.getLogger(MailerService.class);

  private final AdapterSetup<MailerSettings> setup;
  private MailProvider customProvider;
  private TemplateEngine customTemplates;
  private Clock clock = Clock.systemUTC();
  private DefaultMailerService service;
  private volatile boolean started;
  private boolean stopped;

  /** A mailer configured by {@code settings}, which win over the application's. */
  public MailerAdapter(MailerSettings settings) {
    this.setup = AdapterSetup.given(name(), settings);
  }

  /**
   * A mailer configured by the application's {@code MAIL_*} settings ({@code
   * ErrandApp.builder().settings(..)}, the environment by default).
   */
  public MailerAdapter() {
    this.setup = AdapterSetup.fromApp(name(), MailerSettings::from);
  }

  /** Delivers through {@code provider} instead of the one {@code MAIL_PROVIDER} names. */
  public MailerAdapter withProvider(MailProvider provider) {
    setup.checkChangeable("withProvider");
    this.customProvider = Objects.requireNonNull(provider, "provider");
    return this;
  }

  /** Renders templates with {@code engine} instead of the built-in Mustache engine. */
  public MailerAdapter withTemplateEngine(TemplateEngine engine) {
    setup.checkChangeable("withTemplateEngine");
    this.customTemplates = Objects.requireNonNull(engine, "engine");
    return this;
  }

  /** The clock receipts and {@code Retry-After} dates are read from. */
  public MailerAdapter withClock(Clock clock) {
    setup.checkChangeable("withClock");
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  @Override
  public String name() {
    return "MailerAdapter";
  }

  @Override
  public void attach(Settings appSettings) {
    setup.attach(appSettings);
  }

  @Override
  public Module module() {
    MailerSettings settings = setup.settings();
    DefaultMailerService mailer = service();
    MailProvider configured = customProvider != null ? customProvider : mailer.provider();
    return new AbstractModule() {
      @Override
      protected void configure() {
        bind(MailerSettings.class).toInstance(settings);
        bind(MailerService.class).toInstance(mailer);
        bind(TemplateEngine.class).toInstance(templates());
        if (configured instanceof CaptureMailer capture) {
          bind(CaptureMailer.class).toInstance(capture);
        } else {
          bind(CaptureMailer.class)
              .toProvider(
                  () -> {
                    throw new IllegalStateException(
                        "CaptureMailer is only available when MAIL_PROVIDER=capture and"
                            + " MAIL_ENABLED is true (this mailer uses '"
                            + configured.name()
                            + "'); set MAIL_PROVIDER=capture in the test's settings");
                  });
        }
      }
    };
  }

  @Override
  public Set<Key<?>> provides() {
    return Set.of(
        Key.get(MailerService.class),
        Key.get(MailerSettings.class),
        Key.get(TemplateEngine.class),
        Key.get(CaptureMailer.class));
  }

  @Override
  public void start(Injector injector) {
    MailerSettings settings = setup.settings();
    MailProvider provider = service().provider();
    started = true;
    log.info(
        "Mailer started: provider {}{}, default sender {}",
        providerName(),
        settings.enabled() ? "" : " (MAIL_ENABLED=false: dry run)",
        settings.from());
    log.debug("Mailer provider {} health: {}", provider.name(), provider.health());
  }

  @Override
  public Health health() {
    if (!started) {
      return Health.notStarted();
    }
    return service.provider().health();
  }

  @Override
  public synchronized void stop() {
    if (stopped || service == null) {
      stopped = true;
      return;
    }
    stopped = true;
    service.provider().close();
  }

  private synchronized DefaultMailerService service() {
    if (service == null) {
      MailerSettings settings = setup.settings();
      MailProvider provider;
      if (!settings.enabled()) {
        String wouldSend = customProvider != null ? customProvider.name() : providerName();
        provider = new DryRunProvider(wouldSend, dryRunLog::info, clock);
      } else {
        provider =
            customProvider != null ? customProvider : ProviderFactory.create(settings, clock);
      }
      service =
          new DefaultMailerService(
              settings.from(),
              new MailValidator(settings.maxAttachmentBytes()),
              provider,
              templates());
    }
    return service;
  }

  private TemplateEngine templates() {
    if (customTemplates == null) {
      MailerSettings settings = setup.settings();
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      customTemplates =
          new MustacheTemplateEngine(
              settings.templates(), loader != null ? loader : MailerAdapter.class.getClassLoader());
    }
    return customTemplates;
  }

  private String providerName() {
    return setup.settings().provider().name().toLowerCase(Locale.ROOT);
  }
}
