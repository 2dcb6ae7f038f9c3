package org.benchwright.engine.model;

import java.util.Objects;

/**
 * One model call of a recorded run, as replay needs it.
 *
 * @param requestFingerprint {@link ModelJson#fingerprint} of the request that was sent
 * @param responseJson {@link ModelJson#responseToJson} of the answer
 * @param requestJson {@link ModelJson#requestToJson} of the request, or null; with it, a diverging
 *     replay says which message differs
 */
public record RecordedExchange(String requestFingerprint, String responseJson, String requestJson) {

  public RecordedExchange {
    Objects.requireNonNull(requestFingerprint, "requestFingerprint");
    Objects.requireNonNull(responseJson, "responseJson");
  }

  public RecordedExchange(String requestFingerprint, String responseJson) {
    this(requestFingerprint, responseJson, null);
  }
}
