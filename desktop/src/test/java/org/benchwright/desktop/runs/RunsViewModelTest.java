package org.benchwright.desktop.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.benchwright.desktop.run.RunCursor;
import org.benchwright.desktop.ui.CurrentThreadUiExecutor;
import org.benchwright.engine.project.Event;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.NewRun;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RunInfo;
import org.benchwright.engine.project.RunStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunsViewModelTest {

  @TempDir Path dir;
  private Project project;
  private final RunCursor cursor = new RunCursor();
  private final RunsViewModel vm = new RunsViewModel(new CurrentThreadUiExecutor(), cursor);
  private RunInfo ramp;
  private RunInfo gear;
  private RunInfo bracket;

  @BeforeEach
  void threeRuns() {
    project = Project.create(dir.resolve("r.bwproj"));
    ramp =
        project
            .runs()
            .create(
                new NewRun(
                    "benchmark-generator",
                    "A ramp that rolls a ball into the goal",
                    "{\"provider\":\"openai\",\"model\":\"gpt-4o\",\"timeout\":\"PT60S\"}"));
    gear =
        project.runs().create(new NewRun("engineer", "A gear pair", "{\"provider\":\"ollama\"}"));
    bracket = project.runs().create(new NewRun("engineer", "A wall bracket", "not json"));
    project.runs().addUsage(gear.id(), 1_000, 234, 0.0125);
    project.runs().finish(gear.id(), RunStatus.SUCCEEDED, "passed", "ok", 83_000);
    project.runs().finish(bracket.id(), RunStatus.FAILED, "failed", "too heavy", 2_500);
  }

  @AfterEach
  void close() {
    project.close();
  }

  @Test
  void withoutAProjectTheListSaysHowToOpenOne() {
    assertThat(vm.rows()).isEmpty();
    assertThat(vm.placeholderText().get()).isEqualTo("No project open — File ▸ New or Open");
  }

  @Test
  void listsEveryRunNewestFirstWithItsColumns() {
    vm.setProject(project);

    assertThat(vm.rows())
        .extracting(RunRow::id)
        .containsExactly(bracket.id(), gear.id(), ramp.id());
    RunRow g = vm.rows().get(1);
    assertThat(g.workflow()).isEqualTo("engineer");
    assertThat(g.task()).isEqualTo("A gear pair");
    assertThat(g.status()).isEqualTo("succeeded");
    assertThat(g.model()).isEqualTo("ollama");
    assertThat(g.tokens()).isEqualTo(1_234);
    assertThat(g.cost()).isEqualTo("$0.0125");
    assertThat(g.duration()).isEqualTo("1 m 23 s");
    assertThat(vm.rows().get(2).model()).isEqualTo("openai/gpt-4o");
    assertThat(vm.rows().get(2).duration()).isEqualTo("—");
    // A damaged model snapshot still lists the run.
    assertThat(vm.rows().getFirst().model()).isEqualTo("?");
    assertThat(vm.rows().getFirst().duration()).isEqualTo("2.5 s");
    assertThat(vm.workflows()).containsExactly("benchmark-generator", "engineer");
  }

  @Test
  void filtersByStatusAndWorkflow() {
    vm.setProject(project);

    vm.workflowFilterProperty().set("engineer");
    assertThat(vm.rows()).extracting(RunRow::id).containsExactly(bracket.id(), gear.id());
    vm.statusFilterProperty().set(RunStatus.FAILED);
    assertThat(vm.rows()).extracting(RunRow::id).containsExactly(bracket.id());
    vm.workflowFilterProperty().set(null);
    vm.statusFilterProperty().set(RunStatus.QUEUED);
    assertThat(vm.rows()).extracting(RunRow::id).containsExactly(ramp.id());
  }

  @Test
  void searchMatchesTaskIgnoringCase() {
    vm.setProject(project);

    vm.searchProperty().set("  BALL ");

    assertThat(vm.rows()).extracting(RunRow::id).containsExactly(ramp.id());
    vm.searchProperty().set("nothing like this");
    assertThat(vm.rows()).isEmpty();
    assertThat(vm.placeholderText().get()).isEqualTo("No run matches the filter");
  }

  @Test
  void refreshShowsRunsStartedSinceAndKeepsTheFilter() {
    vm.setProject(project);
    vm.workflowFilterProperty().set("engineer");

    RunInfo fresh = project.runs().create(new NewRun("engineer", "A hinge", "{}"));
    project.runs().create(new NewRun("ml-pipeline", "iris", "{}"));
    vm.refresh();

    assertThat(vm.rows())
        .extracting(RunRow::id)
        .containsExactly(fresh.id(), bracket.id(), gear.id());
    assertThat(vm.workflows()).contains("ml-pipeline");
  }

  @Test
  void refreshExtendsTheCursorOfALiveRun() {
    project.runs().setStatus(ramp.id(), RunStatus.RUNNING);
    vm.setProject(project);
    project.events().append(ramp.id(), Event.of(EventType.RUN_STARTED, null, "{}"));
    cursor.select(project, ramp, 1);

    project
        .events()
        .appendAll(
            ramp.id(),
            List.of(
                Event.of(EventType.USER_MESSAGE, "planner", "{\"text\":\"go\"}"),
                Event.of(EventType.MODEL_REQUEST, "planner", "{\"call\":1}")));
    vm.refresh();

    assertThat(cursor.lastStepProperty().get()).isEqualTo(3);
    assertThat(cursor.step()).isEqualTo(3);
  }

  @Test
  void closingTheProjectEmptiesTheList() {
    vm.setProject(project);

    vm.setProject(null);

    assertThat(vm.rows()).isEmpty();
    assertThat(vm.workflows()).isEmpty();
    assertThat(vm.placeholderText().get()).startsWith("No project open");
  }

  @Test
  void anEmptyProjectSaysItHasNoRuns() throws Exception {
    try (Project empty = Project.create(dir.resolve("empty.bwproj"))) {
      vm.setProject(empty);
      assertThat(vm.placeholderText().get()).isEqualTo("No runs yet");
    }
  }

  /** A list whose selections land in the cursor at once, as the main window's do a moment later. */
  private RunsViewModel selecting(List<Long> asked) {
    return new RunsViewModel(
        new CurrentThreadUiExecutor(),
        cursor,
        run -> {
          asked.add(run.id());
          cursor.select(project, run, project.events().lastSeq(run.id()));
        });
  }

  @Test
  void openingAProjectSelectsItsNewestRun() {
    List<Long> asked = new java.util.ArrayList<>();
    RunsViewModel list = selecting(asked);

    list.setProject(project);

    assertThat(cursor.run().id()).isEqualTo(bracket.id()).isEqualTo(list.rows().getFirst().id());
    assertThat(list.isChoosing()).isTrue();
    // Polls that find nothing new select nothing again.
    list.refresh();
    list.refresh();
    assertThat(asked).containsExactly(bracket.id());
  }

  @Test
  void anEmptyProjectSelectsNothingUntilItHasARun() throws Exception {
    try (Project empty = Project.create(dir.resolve("empty.bwproj"))) {
      List<Long> asked = new java.util.ArrayList<>();
      RunsViewModel list =
          new RunsViewModel(
              new CurrentThreadUiExecutor(),
              cursor,
              run -> {
                asked.add(run.id());
                cursor.select(empty, run, 0);
              });
      list.setProject(empty);
      assertThat(asked).isEmpty();
      assertThat(cursor.run()).isNull();

      RunInfo first = empty.runs().create(new NewRun("engineer", "A hinge", "{}"));
      list.refresh();
      assertThat(asked).containsExactly(first.id());
    }
  }

  @Test
  void whileTheListChoosesAFilterMovesTheSelectionToTheNewestRunShown() {
    List<Long> asked = new java.util.ArrayList<>();
    RunsViewModel list = selecting(asked);
    list.setProject(project);

    list.statusFilterProperty().set(RunStatus.SUCCEEDED);
    assertThat(cursor.run().id()).isEqualTo(gear.id());
    // A filter that lets nothing through keeps the run the panels show.
    list.searchProperty().set("nothing like this");
    assertThat(cursor.run().id()).isEqualTo(gear.id());
    list.searchProperty().set("");
    list.statusFilterProperty().set(null);
    assertThat(cursor.run().id()).isEqualTo(bracket.id());
    assertThat(asked).containsExactly(bracket.id(), gear.id(), bracket.id());
  }

  @Test
  void aRunTheUserPickedIsNeverOverridden() {
    List<Long> asked = new java.util.ArrayList<>();
    RunsViewModel list = selecting(asked);
    list.setProject(project);

    list.userSelected(ramp);
    list.statusFilterProperty().set(RunStatus.FAILED);
    RunInfo fresh = project.runs().create(new NewRun("engineer", "A hinge", "{}"));
    list.statusFilterProperty().set(null);
    list.refresh();

    assertThat(list.isChoosing()).isFalse();
    assertThat(cursor.run().id()).isEqualTo(ramp.id());
    assertThat(list.rows().getFirst().id()).isEqualTo(fresh.id());
    assertThat(asked).containsExactly(bracket.id(), ramp.id());
  }

  @Test
  void aRunChosenElsewhereIsNeverOverriddenEither() {
    List<Long> asked = new java.util.ArrayList<>();
    RunsViewModel list = selecting(asked);
    list.setProject(project);

    // E.g. a new live run, or a skill's origin run, put in the cursor by the main window.
    cursor.select(project, gear, 0);
    list.workflowFilterProperty().set("benchmark-generator");

    assertThat(cursor.run().id()).isEqualTo(gear.id());
    assertThat(asked).containsExactly(bracket.id());
  }

  @Test
  void aProjectOpenedWithARunAlreadyInTheCursorKeepsIt() {
    cursor.select(project, ramp, 0);
    List<Long> asked = new java.util.ArrayList<>();
    RunsViewModel list = selecting(asked);

    list.setProject(project);

    assertThat(asked).isEmpty();
    assertThat(cursor.run().id()).isEqualTo(ramp.id());
  }

  @Test
  void forksAreListedUnderTheirParentAndTheNewestRunIsChosenWhereverItSits() {
    // A fork of the oldest run: in the tree it sits under that run, yet it is the newest.
    project.events().append(ramp.id(), Event.of(EventType.NOTE, null, "{\"text\":\"x\"}"));
    RunInfo fork =
        project
            .runs()
            .fork(
                ramp.id(),
                1,
                new NewRun("benchmark-generator", ramp.task(), "{}"),
                Event.of(
                    null,
                    new org.benchwright.engine.project.EventPayload.Fork(
                        ramp.uid(), 1, null, null, "alice", "why", false, null)));
    List<RunInfo> chosen = new java.util.ArrayList<>();
    RunsViewModel choosing = new RunsViewModel(new CurrentThreadUiExecutor(), cursor, chosen::add);
    choosing.setProject(project);

    assertThat(choosing.rows())
        .extracting(RunRow::id, RunRow::depth)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(bracket.id(), 0),
            org.assertj.core.groups.Tuple.tuple(gear.id(), 0),
            org.assertj.core.groups.Tuple.tuple(ramp.id(), 0),
            org.assertj.core.groups.Tuple.tuple(fork.id(), 1));
    assertThat(chosen).extracting(RunInfo::id).containsExactly(fork.id());
    // The filters still apply to forks like any run.
    choosing.searchProperty().set("wall");
    assertThat(choosing.rows()).extracting(RunRow::id).containsExactly(bracket.id());
  }
}
