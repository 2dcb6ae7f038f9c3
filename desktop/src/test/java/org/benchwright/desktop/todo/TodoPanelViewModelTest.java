package org.benchwright.desktop.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.benchwright.desktop.run.RunCursor;
import org.benchwright.desktop.ui.CurrentThreadUiExecutor;
import org.benchwright.engine.agent.Decision;
import org.benchwright.engine.project.Approvals;
import org.benchwright.engine.project.NewRun;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RunInfo;
import org.benchwright.engine.project.TodoItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TODO panel's view model over a real project file, without a robot. */
class TodoPanelViewModelTest {

  @TempDir Path dir;

  private Project project;
  private RunInfo run;
  private long before;
  private long rev1;
  private long rev2;
  private final RunCursor cursor = new RunCursor();
  private final List<Decision> sent = new ArrayList<>();

  /** Records decisions in the project as the runtime would, remembering what it was handed. */
  private final GateDecider recording =
      (runId, d) -> {
        sent.add(d);
        Approvals.Gate g = project.approvals().pending(runId).orElseThrow();
        String word =
            switch (d) {
              case Decision.Approve a -> "approved";
              case Decision.Reject r -> "rejected";
              case Decision.EditThenApprove e -> "edited";
            };
        project
            .approvals()
            .decide(
                g,
                "planner",
                word,
                d instanceof Decision.Reject r ? r.comment() : null,
                d.decidedBy(),
                null);
      };

  @BeforeEach
  void recordARunWaitingAtItsPlanGate() {
    project = Project.create(dir.resolve("todo.bwproj"));
    run = project.runs().create(new NewRun("w", "t", "{}"));
    before = project.files().write(run.id(), "planner", "notes.md", "n".getBytes());
    rev1 =
        project
            .plans()
            .revise(
                run.id(),
                "planner",
                "Make a ramp.",
                List.of(new TodoItem("ramp", "todo", null), new TodoItem("check", "todo", null)))
            .seq();
    rev2 =
        project
            .plans()
            .revise(
                run.id(),
                "planner",
                "Make a 15 degree ramp.",
                List.of(
                    new TodoItem("ramp", "done", null),
                    new TodoItem("check", "doing", null),
                    new TodoItem("servo", "refused", "No servos in the parts list.")))
            .seq();
    project
        .approvals()
        .open(
            run.id(), "planner", "plan", new ObjectMapper().createObjectNode().put("summary", "s"));
    cursor.select(project, run, project.events().lastSeq(run.id()));
  }

  @AfterEach
  void close() {
    project.close();
  }

  private TodoPanelViewModel viewModel(GateDecider decider) {
    return new TodoPanelViewModel(cursor, new CurrentThreadUiExecutor(), decider, "alice");
  }

  @Test
  void showsThePlanAndItemsAsTheyWereAtTheCursorsStep() {
    TodoPanelViewModel vm = viewModel(recording);
    assertThat(vm.planTextProperty().get()).isEqualTo("Make a 15 degree ramp.");
    assertThat(vm.items())
        .extracting(TodoItem::text, TodoItem::status, TodoItem::proof)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("ramp", "done", null),
            org.assertj.core.groups.Tuple.tuple("check", "doing", null),
            org.assertj.core.groups.Tuple.tuple(
                "servo", "refused", "No servos in the parts list."));
    assertThat(vm.headingProperty().get()).isEqualTo("Plan revision 2, recorded at step " + rev2);

    cursor.moveTo(rev1);
    assertThat(vm.planTextProperty().get()).isEqualTo("Make a ramp.");
    assertThat(vm.items()).extracting(TodoItem::status).containsExactly("todo", "todo");

    cursor.moveTo(before);
    assertThat(vm.items()).isEmpty();
    assertThat(vm.headingProperty().get()).isEqualTo("No plan yet at step " + before);
  }

  @Test
  void aPendingPlanGateOffersTheDecisionWhereverTheCursorIs() {
    TodoPanelViewModel vm = viewModel(recording);
    cursor.moveTo(rev1);
    assertThat(vm.gatePendingProperty().get()).isTrue();
    assertThat(vm.planGateProperty().get()).isTrue();
    assertThat(vm.gateProperty().get().kind()).isEqualTo("plan");
  }

  @Test
  void aRejectionWithoutACommentIsRefusedAndNothingIsSent() {
    TodoPanelViewModel vm = viewModel(recording);
    vm.rejectCommentProperty().set("   ");

    assertThat(vm.reject()).isFalse();

    assertThat(vm.problemProperty().get())
        .isEqualTo("Write a comment for the agent: a rejection says what to change.");
    assertThat(sent).isEmpty();
    assertThat(project.approvals().pending(run.id())).isPresent();
    assertThat(vm.gatePendingProperty().get()).isTrue();
  }

  @Test
  void aRejectionWithACommentIsRecordedAndTheGateCloses() {
    TodoPanelViewModel vm = viewModel(recording);
    vm.rejectCommentProperty().set("  Say which angle.  ");

    assertThat(vm.reject()).isTrue();

    assertThat(sent).containsExactly(new Decision.Reject("alice", "Say which angle."));
    assertThat(vm.resultProperty().get()).isEqualTo("Decision recorded: rejected.");
    assertThat(vm.gatePendingProperty().get()).isFalse();
    assertThat(vm.rejectCommentProperty().get()).isEmpty();
    assertThat(project.approvals().pending(run.id())).isEmpty();
  }

  @Test
  void approvingIsRecorded() {
    TodoPanelViewModel vm = viewModel(recording);
    assertThat(vm.approve()).isTrue();
    assertThat(sent).containsExactly(new Decision.Approve("alice"));
    assertThat(vm.resultProperty().get()).isEqualTo("Decision recorded: approved.");
    assertThat(vm.busyProperty().get()).isFalse();
  }

  @Test
  void editingChangesAddsRemovesAndReordersItemsThenApproves() {
    TodoPanelViewModel vm = viewModel(recording);
    cursor.moveTo(rev1); // the edit starts from the newest plan, not the one at the cursor
    vm.startEdit();
    assertThat(vm.editingProperty().get()).isTrue();
    assertThat(vm.editedPlanProperty().get()).isEqualTo("Make a 15 degree ramp.");
    List<EditableItem> items = vm.editedItems();
    assertThat(items)
        .extracting(i -> i.textProperty().get())
        .containsExactly("ramp", "check", "servo");

    vm.editedPlanProperty().set("A 12 degree ramp.");
    items.get(0).textProperty().set("12 degree ramp");
    vm.removeItem(items.get(1));
    EditableItem added = vm.addItem();
    added.textProperty().set("measure the angle");
    vm.moveUp(added);
    vm.moveUp(added);
    vm.moveUp(added); // already first: stays

    assertThat(vm.approveEdited()).isTrue();

    assertThat(sent)
        .containsExactly(
            new Decision.EditThenApprove(
                "alice",
                "A 12 degree ramp.",
                List.of(
                    new TodoItem("measure the angle", "todo", null),
                    new TodoItem("12 degree ramp", "done", null),
                    new TodoItem("servo", "refused", "No servos in the parts list."))));
    assertThat(vm.resultProperty().get()).isEqualTo("Decision recorded: edited and approved.");
    assertThat(vm.editingProperty().get()).isFalse();
  }

  @Test
  void anEditedPlanWithAnEmptyItemOrNoItemsOrNoTextIsRefused() {
    TodoPanelViewModel vm = viewModel(recording);
    vm.startEdit();
    vm.addItem();

    assertThat(vm.approveEdited()).isFalse();
    assertThat(vm.problemProperty().get()).isEqualTo("Item 4 has no text: write it or remove it.");

    vm.editedItems().clear();
    assertThat(vm.approveEdited()).isFalse();
    assertThat(vm.problemProperty().get()).isEqualTo("The plan has no items: add at least one.");

    vm.addItem().textProperty().set("x");
    vm.editedPlanProperty().set(" ");
    assertThat(vm.approveEdited()).isFalse();
    assertThat(vm.problemProperty().get())
        .isEqualTo("The plan text is empty: say what the plan is.");

    vm.editedPlanProperty().set("p");
    vm.editedItems().getFirst().statusProperty().set("refused");
    assertThat(vm.approveEdited()).isFalse();
    assertThat(vm.problemProperty().get()).isEqualTo("Item 1: A refused TODO item needs a proof.");

    assertThat(sent).isEmpty();
    assertThat(vm.editingProperty().get()).isTrue();
    assertThat(project.approvals().pending(run.id())).isPresent();
  }

  @Test
  void aDeciderErrorIsShownAndTheGateStaysPending() {
    TodoPanelViewModel vm =
        viewModel(
            (runId, d) -> {
              throw new IllegalStateException("Run " + runId + " has ended (CANCELLED).");
            });

    assertThat(vm.approve()).isTrue();

    assertThat(vm.resultProperty().get())
        .isEqualTo("Could not record the decision: Run " + run.id() + " has ended (CANCELLED).");
    assertThat(vm.busyProperty().get()).isFalse();
    assertThat(vm.gatePendingProperty().get()).isTrue();
    assertThat(project.approvals().pending(run.id())).isPresent();
  }

  @Test
  void withoutAGateNothingCanBeDecided() {
    recording.decide(run.id(), new Decision.Approve("bob"));
    sent.clear();
    TodoPanelViewModel vm = viewModel(recording);

    assertThat(vm.gatePendingProperty().get()).isFalse();
    assertThat(vm.approve()).isFalse();
    assertThat(vm.problemProperty().get()).isEqualTo("No gate is waiting for a decision.");
    assertThat(sent).isEmpty();
  }
}
