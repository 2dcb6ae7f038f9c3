package org.benchwright.engine.project;

import java.util.Objects;

/**
 * An event to append: what happened, in which node (role), with a JSON payload and optionally a
 * blob holding bulky content (a file, a log). Make one with {@link #of(String, EventPayload)};
 * {@link #of(EventType, String, String)} is the low-level form the codec itself uses, for payloads
 * already in JSON (copies, tests of damaged payloads).
 *
 * @param type what happened
 * @param node the workflow node (role) it happened in, or null for run-level events
 * @param payloadJson a JSON document; "{}" when there is nothing to say
 * @param blobSha the SHA-256 of a blob put beforehand, or null
 */
public record Event(EventType type, String node, String payloadJson, String blobSha) {

  public Event {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(payloadJson, "payloadJson");
  }

  /** An event whose payload is written by {@link EventCodec}. */
  public static Event of(String node, EventPayload payload) {
    return EventCodec.encode(node, payload);
  }

  /** An event with a payload already in JSON; prefer {@link #of(String, EventPayload)}. */
  public static Event of(EventType type, String node, String payloadJson) {
    return new Event(type, node, payloadJson, null);
  }
}
