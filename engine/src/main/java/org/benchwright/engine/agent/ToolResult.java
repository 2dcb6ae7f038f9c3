package org.benchwright.engine.agent;

/**
 * What a tool returns to the model. An error is not an exception: the model reads it and corrects
 * itself (within the node's budget of tool errors).
 *
 * @param outcome set when the call ends the node with this outcome (submit, or a tool that declares
 *     it in {@link Tool#endsNodeWith()}); null otherwise
 */
public record ToolResult(String text, boolean error, String outcome) {

  public static ToolResult ok(String text) {
    return new ToolResult(text, false, null);
  }

  public static ToolResult error(String text) {
    return new ToolResult(text, true, null);
  }

  /** Ends the node with an outcome; the text is the node's summary for whoever comes next. */
  public static ToolResult end(String outcome, String text) {
    return new ToolResult(text, false, outcome);
  }
}
