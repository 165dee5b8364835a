package dev.errand.core;

/**
 * A setting has a value Errand cannot use. The message names the setting, the value and what is
 * allowed, so the operator can fix it without reading code.
 */
public final class SettingsException extends IllegalArgumentException {

  private final String setting;

  public SettingsException(String setting, String value, String allowed) {
    super("Setting " + setting + " has the invalid value '" + value + "'; allowed: " + allowed);
    this.setting = setting;
  }

  public SettingsException(String setting, String message) {
    super("Setting " + setting + ": " + message);
    this.setting = setting;
  }

  /** The name of the offending setting, e.g. {@code JOBS_ATTEMPTS}. */
  public String setting() {
    return setting;
  }
}
