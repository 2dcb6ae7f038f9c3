package org.benchwright.desktop.run;

import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RunInfo;

/**
 * The run being inspected and the step the cursor is on. One instance per main window, shared by
 * the timeline, code editor, TODO panel, viewer and run summary: each panel listens to {@link
 * #stepProperty()} and shows the run's state after the event with that sequence number (the state
 * of a run at step N is a fold over events 1..N).
 *
 * <p>Step 0 means "before the first event". Only the FX thread touches it.
 */
public final class RunCursor {

  private final ReadOnlyObjectWrapper<Project> project = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<RunInfo> run = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyLongWrapper step = new ReadOnlyLongWrapper();
  private final ReadOnlyLongWrapper lastStep = new ReadOnlyLongWrapper();

  /** The project the run belongs to; null when no run is selected. */
  public ReadOnlyObjectProperty<Project> projectProperty() {
    return project.getReadOnlyProperty();
  }

  /** The selected run; null when none is. */
  public ReadOnlyObjectProperty<RunInfo> runProperty() {
    return run.getReadOnlyProperty();
  }

  /** The sequence number of the event the cursor is on (0 before the first). */
  public ReadOnlyLongProperty stepProperty() {
    return step.getReadOnlyProperty();
  }

  /** The sequence number of the run's last event; grows while a live run records. */
  public ReadOnlyLongProperty lastStepProperty() {
    return lastStep.getReadOnlyProperty();
  }

  public Project project() {
    return project.get();
  }

  public RunInfo run() {
    return run.get();
  }

  public long step() {
    return step.get();
  }

  /**
   * Selects {@code runInfo} of {@code owner} with {@code last} events recorded and puts the cursor
   * on the last one. Listeners of the step see the new run already set.
   */
  public void select(Project owner, RunInfo runInfo, long last) {
    step.set(0);
    lastStep.set(Math.max(0, last));
    project.set(owner);
    run.set(runInfo);
    step.set(lastStep.get());
  }

  /** Deselects: no run, step 0. */
  public void clear() {
    step.set(0);
    lastStep.set(0);
    run.set(null);
    project.set(null);
  }

  /** Records that a live run has more events; a cursor that was at the end follows them. */
  public void extendTo(long last) {
    if (last <= lastStep.get()) {
      return;
    }
    boolean following = step.get() == lastStep.get();
    lastStep.set(last);
    if (following) {
      step.set(last);
    }
  }

  /** Moves to {@code seq}, clamped to 0..last. */
  public void moveTo(long seq) {
    step.set(Math.max(0, Math.min(seq, lastStep.get())));
  }

  public void next() {
    moveTo(step.get() + 1);
  }

  public void previous() {
    moveTo(step.get() - 1);
  }

  public void first() {
    moveTo(lastStep.get() == 0 ? 0 : 1);
  }

  public void last() {
    moveTo(lastStep.get());
  }
}
