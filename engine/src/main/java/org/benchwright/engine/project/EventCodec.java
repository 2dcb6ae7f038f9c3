package org.benchwright.engine.project;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.benchwright.engine.project.ProjectException.UnreadableEvent;
import org.benchwright.engine.project.ProjectException.UnreadableEvent.Problem;

/**
 * The one place event payloads become JSON and back. Every writer encodes an {@link EventPayload}
 * here and every reader decodes one, so the stored shape is defined once, by the records.
 *
 * <p>Decoding is lenient where old files need it: fields a record does not know are ignored (a
 * {@link EventPayload.ValidationVerdict} keeps them), and fields a record marks optional may be
 * missing. It is strict where a reader could otherwise go wrong silently: a payload that is not a
 * JSON object, or lacks a required field, throws {@link UnreadableEvent} naming the run, the seq
 * and the type.
 */
public final class EventCodec {

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .defaultPropertyInclusion(
              JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.ALWAYS))
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private EventCodec() {}

  /** An event to append, with its payload written as JSON. */
  public static Event encode(String node, EventPayload payload) {
    return encode(node, payload, null);
  }

  /** An event to append that refers to a blob put beforehand (a file's content). */
  public static Event encode(String node, EventPayload payload, String blobSha) {
    return new Event(payload.type(), node, toJson(payload), blobSha);
  }

  /** The payload as it is stored. */
  public static String toJson(EventPayload payload) {
    try {
      return JSON.writeValueAsString(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot write a " + payload.type() + " payload", e);
    }
  }

  /** The payload as a JSON object, for readers that show or export it whole. */
  public static ObjectNode toTree(EventPayload payload) {
    return JSON.valueToTree(payload);
  }

  /** What a recorded event says, as the record of its type. */
  public static EventPayload decode(RecordedEvent e) {
    JsonNode tree;
    try {
      tree = JSON.readTree(e.payloadJson());
    } catch (JsonProcessingException | IllegalArgumentException ex) {
      throw new UnreadableEvent(e.runId(), e.seq(), e.type(), Problem.NOT_JSON, ex);
    }
    if (tree == null || !tree.isObject()) {
      throw new UnreadableEvent(e.runId(), e.seq(), e.type(), Problem.NOT_AN_OBJECT, null);
    }
    try {
      return JSON.treeToValue(tree, e.type().payloadType());
    } catch (JsonProcessingException | IllegalArgumentException ex) {
      throw new UnreadableEvent(e.runId(), e.seq(), e.type(), Problem.MISSING_FIELDS, rootOf(ex));
    }
  }

  /**
   * What a recorded event says, when the caller knows its type (after filtering by type).
   *
   * @throws IllegalArgumentException if the event is of another type
   */
  public static <T extends EventPayload> T decode(RecordedEvent e, Class<T> type) {
    if (e.type().payloadType() != type) {
      throw new IllegalArgumentException(
          "Event "
              + e.seq()
              + " of run "
              + e.runId()
              + " is a "
              + e.type()
              + ", not a "
              + EventType.of(type));
    }
    return type.cast(decode(e));
  }

  // Jackson wraps a failed compact-constructor check; its own message names the missing field.
  private static Throwable rootOf(Exception ex) {
    Throwable t = ex;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t instanceof NullPointerException ? t : ex;
  }
}
