package org.benchwright.desktop.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.benchwright.desktop.run.RunCursor;
import org.benchwright.desktop.ui.CurrentThreadUiExecutor;
import org.benchwright.engine.project.Event;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.NewRun;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RunInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSummaryViewModelTest {

  @TempDir Path dir;
  private Project project;
  private final RunCursor cursor = new RunCursor();
  private RunSummaryViewModel vm;

  @BeforeEach
  void setUp() {
    project = Project.create(dir.resolve("s.bwproj"));
    vm = new RunSummaryViewModel(cursor, new CurrentThreadUiExecutor());
  }

  @AfterEach
  void tearDown() {
    project.close();
  }

  private RunInfo run(String task) {
    return project
        .runs()
        .create(
            new NewRun("benchmark-generator", task, "{\"provider\":\"scripted\",\"model\":\"m\"}"));
  }

  private void append(RunInfo run, EventType type, String node, String json) {
    project.events().append(run.id(), Event.of(type, node, json));
  }

  @Test
  void selectingARunSummarisesItsEventsPerNode() {
    RunInfo run = run("ramp");
    append(
        run,
        EventType.MODEL_RESPONSE,
        "planner",
        "{\"input_tokens\":100,\"output_tokens\":10,\"cost_usd\":0.5}");
    append(
        run,
        EventType.MODEL_RESPONSE,
        "coder",
        "{\"input_tokens\":300,\"output_tokens\":30,\"cost_usd\":1.5}");

    cursor.select(project, run, project.events().lastSeq(run.id()));

    RunSummary s = vm.summaryProperty().get();
    assertThat(s.nodes())
        .extracting(RunSummary.NodeTotals::node)
        .containsExactly("planner", "coder");
    assertThat(s.inputTokens()).isEqualTo(400);
    assertThat(vm.outcomeTextProperty().get()).startsWith("Not ended yet");
    assertThat(vm.totalsTextProperty().get())
        .contains("2 events")
        .contains("400 in + 40 out")
        .contains("$2.0000");
  }

  @Test
  void aGrowingRunFoldsOnlyTheNewEventsAndShowsTheOutcome() {
    RunInfo run = run("ramp");
    append(run, EventType.MODEL_RESPONSE, "coder", "{\"input_tokens\":100,\"output_tokens\":10}");
    cursor.select(project, run, 1);

    append(run, EventType.MODEL_RESPONSE, "coder", "{\"input_tokens\":50,\"output_tokens\":5}");
    append(
        run,
        EventType.OUTCOME,
        null,
        "{\"status\":\"SUCCEEDED\",\"outcome\":\"passed\",\"reason\":\"all seeds validate\"}");
    cursor.extendTo(3);

    assertThat(vm.summaryProperty().get().events()).isEqualTo(3);
    assertThat(vm.summaryProperty().get().inputTokens()).isEqualTo(150);
    assertThat(vm.outcomeTextProperty().get()).isEqualTo("Succeeded: all seeds validate");
  }

  @Test
  void aMultiLineReasonIsSplitIntoAHeadlineAndDetail() {
    RunInfo run = run("ramp");
    append(
        run,
        EventType.OUTCOME,
        null,
        "{\"status\":\"SUCCEEDED\",\"outcome\":\"passed\",\"reason\":\"seed 1: ok\\nseed 2: ok\\nAll passed.\"}");

    cursor.select(project, run, 1);

    assertThat(vm.headlineProperty().get()).isEqualTo("Succeeded: seed 1: ok");
    assertThat(vm.detailProperty().get()).isEqualTo("seed 2: ok\nAll passed.");
    assertThat(vm.outcomeTextProperty().get())
        .isEqualTo("Succeeded: seed 1: ok\nseed 2: ok\nAll passed.");
  }

  @Test
  void anotherRunStartsFromScratchAndClearingShowsNothing() {
    RunInfo a = run("a");
    append(a, EventType.MODEL_RESPONSE, "coder", "{\"input_tokens\":100}");
    RunInfo b = run("b");
    append(
        b,
        EventType.OUTCOME,
        null,
        "{\"status\":\"FAILED\",\"outcome\":\"failed\",\"reason\":\"no\"}");

    cursor.select(project, a, 1);
    cursor.select(project, b, 1);

    assertThat(vm.summaryProperty().get().inputTokens()).isZero();
    assertThat(vm.outcomeTextProperty().get()).isEqualTo("Failed: no");

    cursor.clear();
    assertThat(vm.summaryProperty().get()).isEqualTo(RunSummary.EMPTY);
    assertThat(vm.outcomeTextProperty().get()).isEqualTo("No run selected");
  }
}
