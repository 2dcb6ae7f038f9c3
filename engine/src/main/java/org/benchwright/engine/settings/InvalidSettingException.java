package org.benchwright.engine.settings;

/**
 * A key that is no setting, or a value a setting does not allow. The message is meant for the user:
 * it names the key, what was wrong and what is allowed. Nothing was written.
 */
public final class InvalidSettingException extends IllegalArgumentException {

  private final String key;

  InvalidSettingException(String key, String message) {
    super(message);
    this.key = key;
  }

  InvalidSettingException(String key, String message, Throwable cause) {
    super(message, cause);
    this.key = key;
  }

  /** The key as the user gave it. */
  public String key() {
    return key;
  }
}
