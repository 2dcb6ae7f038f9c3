package org.benchwright.engine.cad;

/** A {@code cad.*} project setting is malformed; the message names the setting and the fix. */
public final class CadSettingsException extends IllegalArgumentException {

  CadSettingsException(String message, Throwable cause) {
    super(message, cause);
  }

  CadSettingsException(String message) {
    super(message);
  }
}
