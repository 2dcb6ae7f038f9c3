package org.benchwright.desktop.todo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.InvalidationListener;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.benchwright.desktop.run.RunCursor;
import org.benchwright.desktop.ui.UiExecutor;
import org.benchwright.engine.agent.Decision;
import org.benchwright.engine.project.Approvals;
import org.benchwright.engine.project.PlanRevision;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RunInfo;
import org.benchwright.engine.project.TodoItem;

/**
 * The TODO panel's state: the plan and its items at the cursor's step and, while the run waits at a
 * gate, the human's decision on it (approve, reject with a comment, or edit the plan then approve).
 * Validates the decision before it goes to the {@link GateDecider}, then reports whether the run
 * recorded it.
 */
public final class TodoPanelViewModel {

  /** How long a sent decision may take to appear in the project before the panel says so. */
  static final Duration RECORD_WAIT = Duration.ofSeconds(15);

  private final RunCursor cursor;
  private final UiExecutor executor;
  private final GateDecider decider;
  private final String user;
  private final ReadOnlyStringWrapper planText = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper heading = new ReadOnlyStringWrapper("No run selected");
  private final ObservableList<TodoItem> items = FXCollections.observableArrayList();
  private final ReadOnlyObjectWrapper<Approvals.Gate> gate = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyBooleanWrapper gatePending = new ReadOnlyBooleanWrapper();
  private final ReadOnlyBooleanWrapper planGate = new ReadOnlyBooleanWrapper();
  private final ReadOnlyBooleanWrapper editing = new ReadOnlyBooleanWrapper();
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
  private final StringProperty rejectComment = new SimpleStringProperty("");
  private final StringProperty editedPlan = new SimpleStringProperty("");
  private final ObservableList<EditableItem> editedItems = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
  private final ReadOnlyObjectWrapper<Long> shownStep = new ReadOnlyObjectWrapper<>(-1L);
  private final AtomicLong generation = new AtomicLong();
  private final InvalidationListener onCursor = o -> reload();

  public TodoPanelViewModel(RunCursor cursor, UiExecutor executor, GateDecider decider) {
    this(cursor, executor, decider, System.getProperty("user.name", "human"));
  }

  /** With the name decisions are recorded under. */
  public TodoPanelViewModel(
      RunCursor cursor, UiExecutor executor, GateDecider decider, String user) {
    this.cursor = cursor;
    this.executor = executor;
    this.decider = decider;
    this.user = user;
    cursor.stepProperty().addListener(onCursor);
    cursor.runProperty().addListener(onCursor);
    rejectComment.addListener(o -> problem.set(""));
    reload();
  }

  public ReadOnlyStringProperty planTextProperty() {
    return planText.getReadOnlyProperty();
  }

  /** Which revision is shown and since when, or why none is. */
  public ReadOnlyStringProperty headingProperty() {
    return heading.getReadOnlyProperty();
  }

  /** The items of the plan at the cursor's step (read-only). */
  public ObservableList<TodoItem> items() {
    return FXCollections.unmodifiableObservableList(items);
  }

  /** The run's undecided gate now (whatever step the cursor is on); null when none. */
  public ReadOnlyObjectProperty<Approvals.Gate> gateProperty() {
    return gate.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty gatePendingProperty() {
    return gatePending.getReadOnlyProperty();
  }

  /** The pending gate is a plan approval (which can be edited), not a tool call. */
  public ReadOnlyBooleanProperty planGateProperty() {
    return planGate.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty editingProperty() {
    return editing.getReadOnlyProperty();
  }

  /** A decision is on its way. */
  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  /** The comment a rejection sends to the agent (required). */
  public StringProperty rejectCommentProperty() {
    return rejectComment;
  }

  public StringProperty editedPlanProperty() {
    return editedPlan;
  }

  /** The items being edited, in order. */
  public ObservableList<EditableItem> editedItems() {
    return editedItems;
  }

  /** Why the last decision was not sent (validation); empty when fine. */
  public ReadOnlyStringProperty problemProperty() {
    return problem.getReadOnlyProperty();
  }

  /** What became of the last decision sent: recorded, or the error. */
  public ReadOnlyStringProperty resultProperty() {
    return result.getReadOnlyProperty();
  }

  /** The step whose plan is shown; -1 before the first load. */
  public ReadOnlyObjectProperty<Long> shownStepProperty() {
    return shownStep.getReadOnlyProperty();
  }

  /** Reads the plan and the pending gate again (after a decision, or when a live run records). */
  public void reload() {
    long gen = generation.incrementAndGet();
    Project project = cursor.project();
    RunInfo run = cursor.run();
    if (project == null || run == null) {
      show(null, null, Optional.empty(), Optional.empty());
      return;
    }
    long step = cursor.step();
    executor.execute(
        () -> {
          if (gen != generation.get()) {
            return null; // superseded before it started
          }
          return new Loaded(
              step, project.plans().at(run.id(), step), project.approvals().pending(run.id()));
        },
        loaded -> {
          if (loaded != null && gen == generation.get()) {
            show(run, loaded.step(), loaded.plan(), loaded.gate());
          }
        },
        error -> {
          if (gen == generation.get()) {
            heading.set("Could not read the plan: " + error.getMessage());
          }
        });
  }

  private record Loaded(long step, Optional<PlanRevision> plan, Optional<Approvals.Gate> gate) {}

  private void show(
      RunInfo run, Long step, Optional<PlanRevision> plan, Optional<Approvals.Gate> pending) {
    shownStep.set(step == null ? -1L : step);
    if (run == null) {
      heading.set("No run selected");
    } else if (plan.isEmpty()) {
      heading.set("No plan yet at step " + step);
    } else {
      heading.set(
          "Plan revision " + plan.get().revision() + ", recorded at step " + plan.get().seq());
    }
    planText.set(plan.map(PlanRevision::planText).orElse(""));
    items.setAll(plan.map(PlanRevision::items).orElse(List.of()));
    Approvals.Gate g = pending.orElse(null);
    Approvals.Gate was = gate.get();
    gate.set(g);
    gatePending.set(g != null);
    planGate.set(g != null && g.kind().equals("plan"));
    if (g == null || was == null || g.id() != was.id()) {
      // A new gate (or none): an edit or comment begun for another one does not carry over.
      editing.set(false);
    }
  }

  /** Approves the pending gate as it is. */
  public boolean approve() {
    return send(new Decision.Approve(user));
  }

  /** Rejects the pending gate; refused (nothing sent) without a comment for the agent. */
  public boolean reject() {
    String comment = rejectComment.get() == null ? "" : rejectComment.get().trim();
    if (comment.isEmpty()) {
      problem.set("Write a comment for the agent: a rejection says what to change.");
      return false;
    }
    return send(new Decision.Reject(user, comment));
  }

  /** Starts editing the newest plan (the one the gate is about). */
  public void startEdit() {
    Project project = cursor.project();
    RunInfo run = cursor.run();
    if (project == null || run == null || !planGate.get() || busy.get()) {
      return;
    }
    executor.execute(
        () -> project.plans().latest(run.id()),
        latest -> {
          editedPlan.set(latest.map(PlanRevision::planText).orElse(""));
          editedItems.setAll(
              latest.map(PlanRevision::items).orElse(List.of()).stream()
                  .map(EditableItem::of)
                  .toList());
          problem.set("");
          editing.set(true);
        },
        error -> problem.set("Could not read the plan to edit: " + error.getMessage()));
  }

  public void cancelEdit() {
    editing.set(false);
    problem.set("");
  }

  /** Adds an empty item at the end and returns it. */
  public EditableItem addItem() {
    EditableItem item = new EditableItem("", "todo", null);
    editedItems.add(item);
    return item;
  }

  public void removeItem(EditableItem item) {
    editedItems.remove(item);
  }

  public void moveUp(EditableItem item) {
    move(item, -1);
  }

  public void moveDown(EditableItem item) {
    move(item, 1);
  }

  private void move(EditableItem item, int by) {
    int at = editedItems.indexOf(item);
    int to = at + by;
    if (at < 0 || to < 0 || to >= editedItems.size()) {
      return;
    }
    editedItems.remove(at);
    editedItems.add(to, item);
  }

  /** Approves with the edited plan; refused (nothing sent) when the edit is not a valid plan. */
  public boolean approveEdited() {
    if (!editing.get()) {
      return false;
    }
    String plan = editedPlan.get() == null ? "" : editedPlan.get().trim();
    if (plan.isEmpty()) {
      problem.set("The plan text is empty: say what the plan is.");
      return false;
    }
    if (editedItems.isEmpty()) {
      problem.set("The plan has no items: add at least one.");
      return false;
    }
    List<TodoItem> list = new ArrayList<>();
    for (int i = 0; i < editedItems.size(); i++) {
      EditableItem e = editedItems.get(i);
      String text = e.textProperty().get() == null ? "" : e.textProperty().get().trim();
      if (text.isEmpty()) {
        problem.set("Item " + (i + 1) + " has no text: write it or remove it.");
        return false;
      }
      try {
        list.add(new TodoItem(text, e.statusProperty().get(), e.proof()));
      } catch (IllegalArgumentException ex) {
        problem.set("Item " + (i + 1) + ": " + ex.getMessage());
        return false;
      }
    }
    return send(new Decision.EditThenApprove(user, plan, list));
  }

  private boolean send(Decision decision) {
    Approvals.Gate g = gate.get();
    Project project = cursor.project();
    RunInfo run = cursor.run();
    if (g == null || project == null || run == null) {
      problem.set("No gate is waiting for a decision.");
      return false;
    }
    if (busy.get()) {
      return false;
    }
    problem.set("");
    result.set("");
    busy.set(true);
    String word =
        switch (decision) {
          case Decision.Approve a -> "approved";
          case Decision.Reject r -> "rejected";
          case Decision.EditThenApprove e -> "edited and approved";
        };
    executor.execute(
        () -> {
          decider.decide(run.id(), decision);
          return awaitRecorded(project, g);
        },
        recorded -> {
          busy.set(false);
          result.set(
              recorded
                  ? "Decision recorded: " + word + "."
                  : "Decision sent; the run has not recorded it yet.");
          if (recorded) {
            rejectComment.set("");
            editing.set(false);
          }
          reload();
        },
        error -> {
          busy.set(false);
          result.set("Could not record the decision: " + error.getMessage());
        });
    return true;
  }

  /**
   * Waits (on the worker) until the gate is no longer the run's pending one: the run consumes a
   * decision on its own thread, so the call that handed it over returns before it is recorded.
   */
  private static boolean awaitRecorded(Project project, Approvals.Gate g)
      throws InterruptedException {
    long deadline = System.nanoTime() + RECORD_WAIT.toNanos();
    while (true) {
      Optional<Approvals.Gate> now = project.approvals().pending(g.runId());
      if (now.isEmpty() || now.get().id() != g.id()) {
        return true;
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(50);
    }
  }

  /** Stops following the cursor. */
  public void dispose() {
    cursor.stepProperty().removeListener(onCursor);
    cursor.runProperty().removeListener(onCursor);
    generation.incrementAndGet();
  }
}
