package org.benchwright.desktop.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.benchwright.desktop.ui.CurrentThreadUiExecutor;
import org.benchwright.desktop.ui.FakeDialogService;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.workflow.Workflows;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Settings dialog's state over a real project file, without a screen. */
class SettingsViewModelTest {

  @TempDir Path dir;
  private final FakeDialogService dialogs = new FakeDialogService();
  private Project project;
  private SettingsViewModel vm;

  @BeforeEach
  void open() {
    project = Project.create(dir.resolve("p.bwproj"));
    vm =
        new SettingsViewModel(
            project,
            Workflows.settings(),
            () -> Map.of("engineer", List.of("planner", "critic")),
            new CurrentThreadUiExecutor(),
            dialogs);
    vm.load();
  }

  @AfterEach
  void close() {
    project.close();
  }

  @Test
  void theTableListsEverySettingWithItsDefault() {
    assertThat(vm.rows())
        .contains(
            new SettingsViewModel.Row(
                "skills.learn_after",
                "",
                "4",
                "Failures of one kind in a succeeded run that make it write a skill (0: never)",
                false))
        .anySatisfy(
            r -> {
              assertThat(r.key()).isEqualTo("tool.approval.{tool}");
              assertThat(r.pattern()).isTrue();
            });
  }

  @Test
  void keysOfKnownWorkflowsAndNodesCanBePicked() {
    assertThat(vm.keyChoices())
        .contains(
            "skills.learn_after",
            "workflow.engineer.planner.plan_approval",
            "workflow.engineer.critic.model",
            "sandbox.limits.engineer",
            "tool.approval.{tool}")
        .doesNotContain("workflow.{workflow}.{node}.model", "sandbox.limits.{workflow}");
  }

  @Test
  void selectingASettingShowsWhatItDoesWhatIsAllowedAndItsValue() {
    project.settings().put("tool.approval.simulate", "\"never\"");
    vm.load();

    vm.select(row("tool.approval.simulate"));

    assertThat(vm.keyProperty().get()).isEqualTo("tool.approval.simulate");
    assertThat(vm.valueProperty().get()).isEqualTo("never");
    assertThat(vm.allowedProperty().get()).isEqualTo("Allowed: one of always, ask, never");
    assertThat(vm.defaultTextProperty().get()).isEqualTo("always");
    assertThat(vm.descriptionProperty().get()).startsWith("Whether a tool runs");
  }

  @Test
  void aBadValueShowsTheCatalogsMessageAndWritesNothing() {
    var before = project.settings().all();
    vm.keyProperty().set("skills.learn_after");
    vm.valueProperty().set("-1");

    vm.save();

    assertThat(vm.errorProperty().get())
        .isEqualTo("skills.learn_after must be an integer of at least 0; -1 is out of range.");
    assertThat(vm.statusProperty().get()).isEmpty();
    assertThat(vm.busyProperty().get()).isFalse();
    assertThat(project.settings().all()).isEqualTo(before);
    assertThat(dialogs.errors()).isEmpty();
  }

  @Test
  void aGoodValueIsWrittenAndShownInTheTable() {
    vm.keyProperty().set("workflow.engineer.planner.plan_approval");
    vm.valueProperty().set("none");

    vm.save();

    assertThat(vm.errorProperty().get()).isEmpty();
    assertThat(vm.statusProperty().get())
        .isEqualTo("Saved workflow.engineer.planner.plan_approval.");
    assertThat(project.settings().get("workflow.engineer.planner.plan_approval"))
        .contains("\"none\"");
    assertThat(row("workflow.engineer.planner.plan_approval").value()).isEqualTo("none");
  }

  @Test
  void aPatternLeftUnfilledSaysHowToFillItIn() {
    vm.select(row("tool.approval.{tool}"));
    vm.valueProperty().set("ask");

    vm.save();

    assertThat(vm.errorProperty().get())
        .startsWith("tool.approval.{tool} is a pattern: replace {tool} with names");
  }

  @Test
  void editingTheKeyClearsAnEarlierError() {
    vm.keyProperty().set("skills.learn_after");
    vm.valueProperty().set("many");
    vm.save();
    assertThat(vm.errorProperty().get()).isNotEmpty();

    vm.keyProperty().set("benchmark.seeds");

    assertThat(vm.errorProperty().get()).isEmpty();
  }

  @Test
  void resetRemovesTheValueSoTheDefaultApplies() {
    project.settings().put("skills.learn_after", "9");
    vm.load();
    vm.select(row("skills.learn_after"));

    vm.reset();

    assertThat(project.settings().get("skills.learn_after")).isEmpty();
    assertThat(vm.statusProperty().get()).isEqualTo("skills.learn_after is back to its default.");
    assertThat(row("skills.learn_after").value()).isEmpty();
  }

  private SettingsViewModel.Row row(String key) {
    return vm.rows().stream().filter(r -> r.key().equals(key)).findFirst().orElseThrow();
  }
}
