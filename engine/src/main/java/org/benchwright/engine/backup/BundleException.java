package org.benchwright.engine.backup;

/** A bundle or backup that cannot be used; the message says why, for a person to read. */
public class BundleException extends RuntimeException {
  public BundleException(String message) {
    super(message);
  }

  public BundleException(String message, Throwable cause) {
    super(message, cause);
  }
}
