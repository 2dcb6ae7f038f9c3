package org.benchwright.engine.workflow.engineer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.benchwright.engine.project.Event;
import org.benchwright.engine.project.EventPayload;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.ProjectException;
import org.benchwright.engine.project.RecordedEvent;

/**
 * The verdicts a run recorded (simulations, price checks, acceptance): the evidence a refusal cites
 * and the critic and acceptance read.
 */
final class Evidence {

  private Evidence() {}

  /** Every VALIDATION_VERDICT event of the run, oldest first. */
  static Stream<RecordedEvent> events(Project project, long runId) {
    return project.events().stream(runId, Set.of(EventType.VALIDATION_VERDICT));
  }

  /** The verdict an event holds; empty when it holds none or is damaged. */
  static Optional<EventPayload.ValidationVerdict> verdict(RecordedEvent e) {
    if (e == null || e.type() != EventType.VALIDATION_VERDICT) {
      return Optional.empty();
    }
    try {
      return Optional.of(e.payload(EventPayload.ValidationVerdict.class));
    } catch (ProjectException.UnreadableEvent damaged) {
      return Optional.empty();
    }
  }

  /**
   * Records a verdict with its check's own fields beside the common ones; returns its sequence
   * number, which refusals cite.
   */
  static long record(
      Project project,
      long runId,
      String node,
      String check,
      boolean passed,
      String report,
      JsonNode result,
      ObjectNode details) {
    Map<String, JsonNode> fields = new LinkedHashMap<>();
    details.properties().forEach(f -> fields.put(f.getKey(), f.getValue()));
    return project
        .events()
        .append(
            runId,
            Event.of(
                node, new EventPayload.ValidationVerdict(check, passed, report, result, fields)));
  }

  /** The details' text value ({@code solution}, ...), or a fallback. */
  static String detail(EventPayload.ValidationVerdict v, String name, String fallback) {
    var value = v.details().get(name);
    return value == null || value.isNull() ? fallback : value.asText();
  }
}
