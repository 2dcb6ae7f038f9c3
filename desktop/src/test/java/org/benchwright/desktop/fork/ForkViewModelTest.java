package org.benchwright.desktop.fork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.benchwright.desktop.ui.CurrentThreadUiExecutor;
import org.benchwright.engine.fork.ForkChange;
import org.benchwright.engine.model.ModelConfig;
import org.benchwright.engine.project.EventPayload;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.PlanRevision;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RunInfo;
import org.benchwright.engine.project.TodoItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForkViewModelTest {

  @TempDir Path dir;

  @Test
  void aReplyMustBeAJsonObject() {
    assertThat(ForkViewModel.parseReply("{\"text\":\"hi\"}").path("text").asText()).isEqualTo("hi");
    assertThatThrownBy(() -> ForkViewModel.parseReply("{\"text\": "))
        .hasMessageStartingWith("The reply is not valid JSON");
    assertThatThrownBy(() -> ForkViewModel.parseReply("[1]"))
        .hasMessageContaining("must be a JSON object");
    assertThatThrownBy(() -> ForkViewModel.parseReply("  ")).hasMessageContaining("empty");
  }

  @Test
  void aModelIsWrittenProviderColonModel() {
    ModelConfig m = ForkViewModel.parseModel(" openai : gpt-4o ");
    assertThat(m.provider()).isEqualTo("openai");
    assertThat(m.model()).isEqualTo("gpt-4o");
    assertThatThrownBy(() -> ForkViewModel.parseModel("gpt-4o"))
        .hasMessageContaining("provider:model");
    assertThatThrownBy(() -> ForkViewModel.parseModel("openai:"))
        .hasMessageContaining("provider:model");
    assertThat(ForkViewModel.providerModel("{\"provider\":\"scripted\",\"model\":\"s\"}"))
        .isEqualTo("scripted:s");
  }

  @Test
  void aPlanIsShownAsItsTextThenOneLinePerItem() {
    PlanRevision plan =
        new PlanRevision(
            1,
            2,
            10,
            "Make a ramp.",
            List.of(new TodoItem("ramp", "done", null), new TodoItem("ball", "todo", null)));
    assertThat(org.benchwright.engine.fork.Forks.planAsText(plan))
        .isEqualTo("Make a ramp.\n\n- [done] ramp\n- [todo] ball");
  }

  @Test
  void onlyTheTickedChangesGoIntoTheFork() throws Exception {
    ForkFixture f = ForkFixture.create(dir.resolve("vm.bwproj"));
    try (Project project = Project.open(f.file)) {
      RunInfo parent = project.runs().find(f.parent).orElseThrow();
      List<RunInfo> created = new ArrayList<>();
      ForkViewModel vm =
          new ForkViewModel(
              project,
              parent,
              f.forkSeq,
              new CurrentThreadUiExecutor(),
              ForkContinuation.NONE,
              created::add,
              "carol");
      vm.load();
      assertThat(vm.loadedProperty().get()).isTrue();
      assertThat(vm.replyProperty().get()).contains("ball: 20 mm");
      vm.taskProperty().set("A steeper ramp"); // typed but not ticked: not a change
      vm.changeModelProperty().set(true);
      vm.modelProperty().set("openai:gpt-4o-mini");
      vm.reuseDecisionsProperty().set(true);
      vm.whyProperty().set("  cheaper model  ");
      ForkChange change = vm.change();
      assertThat(change.task()).isNull();
      assertThat(change.reply()).isNull();
      assertThat(change.model().model()).isEqualTo("gpt-4o-mini");
      assertThat(change.reuseDecisions()).isTrue();
      assertThat(change.why()).isEqualTo("cheaper model");
      assertThat(change.by()).isEqualTo("carol");

      // "Continue live" where no runtime is wired: the fork is made, and the window says why it
      // did not go on.
      vm.modeProperty().set(ForkContinuation.Mode.LIVE);
      vm.create();
      assertThat(created).hasSize(1);
      RunInfo fork = created.getFirst();
      assertThat(fork.parentRunId()).isEqualTo(f.parent);
      assertThat(vm.errorProperty().get())
          .startsWith("Fork " + fork.id() + " was made but could not continue");
      EventPayload.Fork event =
          project.events().events(fork.id(), f.forkSeq + 1, 1).stream()
              .filter(e -> e.type() == EventType.FORK)
              .map(e -> e.payload(EventPayload.Fork.class))
              .findFirst()
              .orElseThrow();
      assertThat(event.change().path("model").path("model").asText()).isEqualTo("gpt-4o-mini");
      assertThat(event.change().has("task")).isFalse();
      assertThat(event.reuseDecisions()).isTrue();
    }
  }

  @Test
  void aStepBeforeTheFirstNodeCannotBeForkedAndTheFormSaysWhy() throws Exception {
    ForkFixture f = ForkFixture.create(dir.resolve("early.bwproj"));
    try (Project project = Project.open(f.file)) {
      ForkViewModel vm =
          new ForkViewModel(
              project,
              project.runs().find(f.parent).orElseThrow(),
              1,
              new CurrentThreadUiExecutor(),
              ForkContinuation.NONE,
              r -> {},
              "carol");
      vm.load();
      assertThat(vm.loadedProperty().get()).isFalse();
      assertThat(vm.errorProperty().get())
          .contains("before run " + f.parent + " began its first node");
      vm.create(); // refused: the form never loaded
      assertThat(project.runs().list()).hasSize(2);
    }
  }
}
