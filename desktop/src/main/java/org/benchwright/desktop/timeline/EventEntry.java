package org.benchwright.desktop.timeline;

import java.time.Instant;
import org.benchwright.engine.project.EventType;

/**
 * How the timeline shows one event: a kind (which decides the cell's style), a one-line title, a
 * short body, and what an expander reveals (reasoning, a system prompt, the full text of a long
 * result, a sandbox command's full output).
 *
 * @param detailLabel the expander's text, or null when there is nothing to expand
 * @param detail the expanded text; null with {@code outputBlobs} set means "load it from the blobs"
 * @param outputBlobs stdout and stderr blob addresses of a sandbox exec, or null
 */
public record EventEntry(
    long seq,
    EventType type,
    String node,
    Instant time,
    Kind kind,
    Verdict verdict,
    String title,
    String body,
    String detailLabel,
    String detail,
    String[] outputBlobs) {

  /** The rendering families; each has its own cell style (a pseudo-class such as kind-exec). */
  public enum Kind {
    SYSTEM,
    MESSAGE,
    MODEL_CALL,
    RESPONSE,
    TOOL_CALL,
    TOOL_RESULT,
    EXEC,
    FILE,
    TODO,
    GATE,
    VERDICT,
    TRANSITION,
    METRIC,
    NOTE,
    ERROR,
    OUTCOME,
    FORK,
    UNREADABLE
  }

  /** Whether the event reports something that went well, went wrong, or neither. */
  public enum Verdict {
    NONE,
    PASSED,
    FAILED
  }

  /** The CSS pseudo-class of the cell showing it, e.g. {@code kind-tool-result}. */
  public String cssKind() {
    return "kind-" + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  public boolean expandable() {
    return detailLabel != null;
  }
}
