package dev.errand.core.spi;

import dev.errand.core.Settings;
import java.util.Objects;
import java.util.function.Function;

/**
 * What every Errand adapter keeps the same way: its settings, either given to its constructor or
 * read from the application's {@link Settings} when the application is built, and the refusal of
 * changes once it is part of an application.
 *
 * <pre>{@code
 * private final AdapterSetup<MailerSettings> setup;
 * public MailerAdapter(MailerSettings settings) {
 *   setup = AdapterSetup.given("MailerAdapter", settings);
 * }
 * public MailerAdapter() { setup = AdapterSetup.fromApp("MailerAdapter", MailerSettings::from); }
 * public void attach(Settings app) { setup.attach(app); }
 * }</pre>
 *
 * @param <S> the adapter's settings type
 */
public final class AdapterSetup<S> {

  private final String adapter;
  private final S given;
  private final Function<Settings, S> reader;
  private S settings;
  private boolean attached;

  private AdapterSetup(String adapter, S given, Function<Settings, S> reader) {
    this.adapter = Objects.requireNonNull(adapter, "adapter");
    this.given = given;
    this.reader = reader;
  }

  /** Settings given in code: they win over the application's. */
  public static <S> AdapterSetup<S> given(String adapter, S settings) {
    return new AdapterSetup<>(adapter, Objects.requireNonNull(settings, "settings"), null);
  }

  /** Settings read by {@code reader} from the application's settings once it is built. */
  public static <S> AdapterSetup<S> fromApp(String adapter, Function<Settings, S> reader) {
    return new AdapterSetup<>(adapter, null, Objects.requireNonNull(reader, "reader"));
  }

  /** Called from {@link Adapter#attach}: from now on the adapter refuses changes. */
  public synchronized void attach(Settings appSettings) {
    attached = true;
    settings = given != null ? given : reader.apply(appSettings);
  }

  /**
   * The adapter's settings: those given, else the application's; before any application is built,
   * read from the environment ({@link Settings#fromEnv()}).
   */
  public synchronized S settings() {
    if (settings == null) {
      settings = given != null ? given : reader.apply(Settings.fromEnv());
    }
    return settings;
  }

  /** Whether an application has been built with the adapter. */
  public synchronized boolean attached() {
    return attached;
  }

  /**
   * Fails when the adapter is already part of an application, whose wiring and checks were made
   * with the options it had then.
   *
   * @param option the option being changed, for the message, e.g. {@code "withClock"}
   */
  public synchronized void checkChangeable(String option) {
    if (attached) {
      throw new IllegalStateException(
          adapter
              + "."
              + option
              + "(..) was called after the adapter became part of an application: configure it"
              + " before ErrandApp.builder().adapters(..).start()");
    }
  }
}
