package org.benchwright.engine.project;

/** The kinds of event a run records. Stored by name; new kinds are added at the end. */
public enum EventType {
  RUN_STARTED,
  RUN_ENDED,
  NODE_TRANSITION,
  MODEL_REQUEST,
  MODEL_RESPONSE,
  TOOL_CALL,
  TOOL_RESULT,
  SANDBOX_EXEC,
  FILE_CHANGE,
  TODO_CHANGE,
  GATE_OPENED,
  GATE_DECIDED,
  VALIDATION_VERDICT,
  METRIC,
  ERROR,
  OUTCOME,
  NOTE,
  /** A message the engine or a human adds to a node's conversation (task, feedback, nudges). */
  USER_MESSAGE
}
