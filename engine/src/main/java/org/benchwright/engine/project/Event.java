package org.benchwright.engine.project;

import java.util.Objects;

/**
 * An event to append: what happened, in which node (role), with a JSON payload and optionally a
 * blob holding bulky content (a file, a log).
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

  public static Event of(EventType type, String node, String payloadJson) {
    return new Event(type, node, payloadJson, null);
  }
}
