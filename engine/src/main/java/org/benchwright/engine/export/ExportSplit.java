package org.benchwright.engine.export;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A train/validation split by run: a run goes to validation when the hash of its uid (with the
 * seed) falls below the fraction, so a run is never on both sides and the split is the same on
 * every export of the same project.
 */
public record ExportSplit(double validationFraction, long seed) {

  public static final ExportSplit NONE = new ExportSplit(0, 0);

  public ExportSplit {
    if (!(validationFraction >= 0 && validationFraction <= 1)) {
      throw new IllegalArgumentException(
          "The validation fraction must be between 0 and 1, not " + validationFraction);
    }
  }

  /** Whether the run with this uid belongs to the validation side. */
  public boolean isValidation(String runUid) {
    if (validationFraction <= 0) {
      return false;
    }
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest((seed + ":" + runUid).getBytes(StandardCharsets.UTF_8));
      double u = (ByteBuffer.wrap(d).getLong() >>> 11) / (double) (1L << 53);
      return u < validationFraction;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
