package org.benchwright.engine.agent;

/**
 * What a tool returns to the model. An error is not an exception: the model reads it and corrects
 * itself (within the node's budget of tool errors).
 *
 * @param outcome set only by submit: the node ends with this outcome
 */
record ToolResult(String text, boolean error, String outcome) {

  static ToolResult ok(String text) {
    return new ToolResult(text, false, null);
  }

  static ToolResult error(String text) {
    return new ToolResult(text, true, null);
  }

  static ToolResult submit(String outcome, String text) {
    return new ToolResult(text, false, outcome);
  }
}
