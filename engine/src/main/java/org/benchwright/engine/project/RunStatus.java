package org.benchwright.engine.project;

/** Where a run is in its life. */
public enum RunStatus {
  QUEUED,
  RUNNING,
  WAITING_FOR_APPROVAL,
  PAUSED,
  INTERRUPTED,
  SUCCEEDED,
  FAILED,
  CANCELLED;

  /** Whether a process was executing the run when it last wrote (so a crash interrupts it). */
  public boolean isLive() {
    return this == RUNNING || this == WAITING_FOR_APPROVAL;
  }
}
