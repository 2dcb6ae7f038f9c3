package org.benchwright.engine.project;

/**
 * The kinds of event a run records. Stored by name; new kinds are added at the end. Each kind names
 * the {@link EventPayload} record its payload is read into, so a new kind is one constant here and
 * one record in {@link EventPayload}, and nothing else.
 */
public enum EventType {
  RUN_STARTED(EventPayload.RunStarted.class),
  RUN_ENDED(EventPayload.RunEnded.class),
  NODE_TRANSITION(EventPayload.NodeTransition.class),
  MODEL_REQUEST(EventPayload.ModelRequest.class),
  MODEL_RESPONSE(EventPayload.ModelResponse.class),
  TOOL_CALL(EventPayload.ToolCall.class),
  TOOL_RESULT(EventPayload.ToolResult.class),
  SANDBOX_EXEC(EventPayload.SandboxExec.class),
  FILE_CHANGE(EventPayload.FileChange.class),
  TODO_CHANGE(EventPayload.TodoChange.class),
  GATE_OPENED(EventPayload.GateOpened.class),
  GATE_DECIDED(EventPayload.GateDecided.class),
  VALIDATION_VERDICT(EventPayload.ValidationVerdict.class),
  METRIC(EventPayload.Metric.class),
  ERROR(EventPayload.Failure.class),
  OUTCOME(EventPayload.Outcome.class),
  NOTE(EventPayload.Note.class),
  /** A message the engine or a human adds to a node's conversation (task, feedback, nudges). */
  USER_MESSAGE(EventPayload.UserMessage.class),
  /** Files a sandbox command left that were not copied out (caps, sparse, not a file). */
  WORKSPACE_SKIPPED(EventPayload.WorkspaceSkipped.class),
  EXPERIMENT(EventPayload.Experiment.class),
  /** A step of finding, synthesizing or calling a capability. */
  CAPABILITY(EventPayload.Capability.class),
  /** A step of an automl run: the profile, the plan, a trained candidate, the ensemble. */
  AUTOML(EventPayload.AutoMl.class),
  FORK(EventPayload.Fork.class);

  private final Class<? extends EventPayload> payloadType;

  EventType(Class<? extends EventPayload> payloadType) {
    this.payloadType = payloadType;
  }

  /** The record this kind's payload is read into and written from. */
  public Class<? extends EventPayload> payloadType() {
    return payloadType;
  }

  /** The kind whose payload is that record. */
  public static EventType of(Class<? extends EventPayload> payloadType) {
    for (EventType t : values()) {
      if (t.payloadType == payloadType) {
        return t;
      }
    }
    throw new IllegalArgumentException(payloadType.getName() + " is no event type's payload");
  }
}
