package org.benchwright.engine.project;

import java.time.Instant;

/**
 * An event as the log holds it: with its run, its sequence number and when it was recorded.
 *
 * @param payloadJson the payload as stored; read it with {@link #payload()}
 */
public record RecordedEvent(
    long runId,
    long seq,
    EventType type,
    String node,
    Instant timestamp,
    String payloadJson,
    String blobSha) {

  /**
   * What the event says.
   *
   * @throws ProjectException.UnreadableEvent if the stored payload is damaged
   */
  public EventPayload payload() {
    return EventCodec.decode(this);
  }

  /**
   * What the event says, when the caller knows its type.
   *
   * @throws IllegalArgumentException if the event is of another type
   * @throws ProjectException.UnreadableEvent if the stored payload is damaged
   */
  public <T extends EventPayload> T payload(Class<T> type) {
    return EventCodec.decode(this, type);
  }
}
