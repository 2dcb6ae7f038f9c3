package org.benchwright.engine.agent;

import org.benchwright.engine.project.Event;
import org.benchwright.engine.project.EventPayload;
import org.benchwright.engine.project.Project;

/** Where a live run writes: every event it records is a step, so a paused run waits here. */
final class RunLog {

  private final Project project;
  private final long runId;
  private final RunControl control;

  RunLog(Project project, long runId, RunControl control) {
    this.project = project;
    this.runId = runId;
    this.control = control;
  }

  Project project() {
    return project;
  }

  long runId() {
    return runId;
  }

  RunControl control() {
    return control;
  }

  long record(String node, EventPayload payload) {
    control.awaitTurn();
    return project.events().append(runId, Event.of(node, payload));
  }
}
