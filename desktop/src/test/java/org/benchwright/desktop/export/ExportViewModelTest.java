package org.benchwright.desktop.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.benchwright.desktop.ui.CurrentThreadUiExecutor;
import org.benchwright.desktop.ui.FakeDialogService;
import org.benchwright.engine.agent.RunOutcome;
import org.benchwright.engine.model.ApiKeys;
import org.benchwright.engine.model.ModelConfig;
import org.benchwright.engine.model.ModelGateway;
import org.benchwright.engine.model.PriceTable;
import org.benchwright.engine.model.ScriptedChatModel;
import org.benchwright.engine.model.ScriptedTurn;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.workflow.Workflows;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export dialog's state over a project holding one real (scripted) run. */
class ExportViewModelTest {

  @TempDir Path dir;
  private Project project;
  private final FakeDialogService dialogs = new FakeDialogService();

  @BeforeEach
  void recordARun() throws Exception {
    project = Project.create(dir.resolve("p.bwproj"));
    ModelGateway gateway =
        new ModelGateway(
            ApiKeys.of(java.util.Map.of(), dir.resolve("none")), PriceTable.defaults());
    ScriptedChatModel script =
        ScriptedChatModel.of(
            List.of(
                ScriptedTurn.toolCall(
                    "c1",
                    "update_todo",
                    "{\"plan\":\"ramp\",\"items\":[{\"text\":\"ramp\",\"status\":\"todo\"}]}"),
                ScriptedTurn.toolCall(
                    "c2", "submit", "{\"outcome\":\"planned\",\"summary\":\"ramp\"}"),
                ScriptedTurn.toolCall(
                    "c3", "submit", "{\"outcome\":\"impossible\",\"summary\":\"stop\"}")));
    gateway.register("scripted", cfg -> script);
    try (var runtime = Workflows.runtime(project, gateway, () -> null)) {
      RunOutcome o =
          runtime
              .start("benchmark-generator", "ramp", ModelConfig.of("scripted", "demo"))
              .outcome()
              .get(1, TimeUnit.MINUTES);
      assertThat(o.reason()).contains("stop");
    }
  }

  @AfterEach
  void close() {
    project.close();
  }

  @Test
  void countsShowWhatTheFiltersSelectBeforeExporting() {
    ExportViewModel vm = new ExportViewModel(project, new CurrentThreadUiExecutor(), dialogs);
    vm.validationPercentProperty().set(0);
    vm.refreshCounts();
    assertThat(vm.countsProperty().get())
        .startsWith("1 runs → 2 training and 0 validation examples");
    vm.nodeProperty().set("coder");
    vm.refreshCounts();
    assertThat(vm.countsProperty().get()).startsWith("1 runs → 1 training");
    vm.outcomeProperty().set("passed");
    vm.refreshCounts();
    assertThat(vm.countsProperty().get()).startsWith("0 runs");
  }

  @Test
  void aBadDateSaysWhichFieldAndExportsNothing() {
    ExportViewModel vm =
        new ExportViewModel(
            project, new CurrentThreadUiExecutor(), dialogs.answerExport(dir.resolve("t.jsonl")));
    vm.sinceProperty().set("yesterday");
    vm.refreshCounts();
    assertThat(vm.countsProperty().get()).contains("From date must look like");
    vm.export();
    assertThat(vm.statusProperty().get()).contains("From date");
    assertThat(dir.resolve("t.jsonl")).doesNotExist();
  }

  @Test
  void exportWritesTheFileAndReportsProgressToTheEnd() throws Exception {
    Path out = dir.resolve("train.jsonl");
    ExportViewModel vm =
        new ExportViewModel(project, new CurrentThreadUiExecutor(), dialogs.answerExport(out));
    vm.validationPercentProperty().set(0);
    vm.export();
    assertThat(vm.runningProperty().get()).isFalse();
    assertThat(vm.progressProperty().get()).isEqualTo(1.0);
    assertThat(vm.statusProperty().get()).startsWith("Exported 1 runs → 2 training");
    assertThat(Files.readAllLines(out)).hasSize(2).allMatch(l -> l.contains("\"messages\""));
  }

  @Test
  void aCancelledExportLeavesNoFile() {
    Path out = dir.resolve("train.jsonl");
    ExportViewModel[] holder = new ExportViewModel[1];
    // The user presses Cancel as soon as the first progress update shows.
    CurrentThreadUiExecutor pressesCancel =
        new CurrentThreadUiExecutor() {
          @Override
          public void post(Runnable update) {
            update.run();
            holder[0].cancel();
          }
        };
    ExportViewModel vm = new ExportViewModel(project, pressesCancel, dialogs.answerExport(out));
    holder[0] = vm;
    vm.export();
    assertThat(vm.statusProperty().get()).isEqualTo("Export cancelled; no file was written.");
    assertThat(out).doesNotExist();
    assertThat(out.resolveSibling("train.jsonl.part")).doesNotExist();
    assertThat(dialogs.errors()).isEmpty();
  }
}
