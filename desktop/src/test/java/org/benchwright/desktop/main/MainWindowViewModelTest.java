package org.benchwright.desktop.main;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.benchwright.desktop.ui.CurrentThreadUiExecutor;
import org.benchwright.desktop.ui.FakeDialogService;
import org.benchwright.engine.project.Event;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.NewRun;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.ProjectException;
import org.benchwright.engine.project.RunInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainWindowViewModelTest {

  @TempDir Path dir;

  private final FakeDialogService dialogs = new FakeDialogService();
  private final MainWindowViewModel viewModel =
      new MainWindowViewModel(new CurrentThreadUiExecutor(), dialogs);

  @AfterEach
  void closeViewModel() {
    viewModel.close();
  }

  @Test
  void startsWithNoProjectOpen() {
    assertThat(viewModel.titleProperty().get()).isEqualTo("Benchwright");
    assertThat(viewModel.statusTextProperty().get()).isEqualTo("No project open");
    assertThat(viewModel.projectPathProperty().get()).isNull();
    assertThat(viewModel.busyProperty().get()).isFalse();
  }

  @Test
  void openingAProjectShowsItsNameInTheTitleAndItsPathInTheStatusBar() {
    Path file = existingProject("demo.bwproj");

    viewModel.openProject(file);

    assertThat(viewModel.titleProperty().get()).isEqualTo("Benchwright — demo.bwproj");
    assertThat(viewModel.statusTextProperty().get()).isEqualTo(file.toString());
    assertThat(viewModel.projectPathProperty().get()).isEqualTo(file);
    assertThat(viewModel.busyProperty().get()).isFalse();
    assertThat(dialogs.errors()).isEmpty();
  }

  /** The one-writer rule: while another process writes the project, the window reads it. */
  @Test
  void aProjectAnotherProcessWritesOpensReadOnlyAndSaysWhoWrites() {
    Path file = existingProject("served.bwproj");
    try (Project writer = Project.open(file)) {
      long events = writer.summary().events();

      viewModel.openProject(file);

      assertThat(dialogs.errors()).isEmpty();
      assertThat(viewModel.readOnlyProperty().get()).isTrue();
      assertThat(viewModel.project()).hasValueSatisfying(p -> assertThat(p.isReadOnly()).isTrue());
      assertThat(viewModel.titleProperty().get())
          .isEqualTo("Benchwright — served.bwproj (read-only)");
      assertThat(viewModel.writerProperty().get()).contains("pid");
      assertThat(viewModel.statusTextProperty().get())
          .startsWith("Read-only: another process writes this project")
          .contains("stop it and open the project again to run here")
          .endsWith("Writer: " + viewModel.writerProperty().get());
      viewModel.closeProject();
      assertThat(writer.summary().events()).isEqualTo(events);
    }
    // Once the writer is gone the project opens for writing again.
    viewModel.openProject(file);
    assertThat(viewModel.readOnlyProperty().get()).isFalse();
    assertThat(viewModel.writerProperty().get()).isNull();
    assertThat(viewModel.titleProperty().get()).isEqualTo("Benchwright — served.bwproj");
  }

  @Test
  void newProjectAddsTheExtensionAndOpensTheCreatedFile() {
    viewModel.newProject(dir.resolve("fresh"));

    Path created = dir.resolve("fresh.bwproj");
    assertThat(created).exists();
    assertThat(viewModel.projectPathProperty().get()).isEqualTo(created);
    assertThat(viewModel.titleProperty().get()).isEqualTo("Benchwright — fresh.bwproj");
  }

  @Test
  void menuCommandsUseTheFileTheUserChose() {
    dialogs.answerNewProject(dir.resolve("chosen.bwproj"));

    viewModel.newProject();

    assertThat(viewModel.projectPathProperty().get()).isEqualTo(dir.resolve("chosen.bwproj"));
  }

  @Test
  void cancellingTheFileChooserChangesNothing() {
    viewModel.openProject();

    assertThat(viewModel.projectPathProperty().get()).isNull();
    assertThat(viewModel.statusTextProperty().get()).isEqualTo("No project open");
    assertThat(dialogs.errors()).isEmpty();
  }

  @Test
  void openingANonProjectFileReportsTheErrorAndKeepsTheOpenProject() throws Exception {
    Path project = existingProject("demo.bwproj");
    Path notes = Files.writeString(dir.resolve("notes.txt"), "not a project");
    viewModel.openProject(project);

    viewModel.openProject(notes);

    assertThat(dialogs.errors())
        .singleElement()
        .satisfies(
            shown -> {
              assertThat(shown.header()).isEqualTo("Cannot open the project");
              assertThat(shown.error())
                  .isInstanceOf(ProjectException.NotAProject.class)
                  .hasMessageContaining("notes.txt");
            });
    assertThat(viewModel.titleProperty().get()).isEqualTo("Benchwright — demo.bwproj");
    assertThat(viewModel.statusTextProperty().get()).isEqualTo(project.toString());
    assertThat(viewModel.projectPathProperty().get()).isEqualTo(project);
    assertThat(viewModel.busyProperty().get()).isFalse();
  }

  @Test
  void creatingOverAnExistingFileReportsTheErrorAndLeavesNoProjectOpen() {
    Path existing = existingProject("demo.bwproj");

    viewModel.newProject(existing);

    assertThat(dialogs.errors())
        .singleElement()
        .satisfies(shown -> assertThat(shown.error()).hasMessageContaining("already exists"));
    assertThat(viewModel.projectPathProperty().get()).isNull();
    assertThat(viewModel.statusTextProperty().get()).isEqualTo("No project open");
  }

  @Test
  void openingAnotherProjectReleasesThePreviousOne() {
    Path first = existingProject("first.bwproj");
    viewModel.openProject(first);

    viewModel.openProject(existingProject("second.bwproj"));

    assertThat(viewModel.titleProperty().get()).isEqualTo("Benchwright — second.bwproj");
    assertOpenableForWriting(first);
  }

  @Test
  void reopeningTheOpenProjectKeepsIt() {
    Path file = existingProject("demo.bwproj");
    viewModel.openProject(file);

    viewModel.openProject(file);

    assertThat(dialogs.errors()).isEmpty();
    assertThat(viewModel.projectPathProperty().get()).isEqualTo(file);
  }

  @Test
  void closingTheProjectResetsTheWindowAndReleasesTheFile() {
    Path file = existingProject("demo.bwproj");
    viewModel.openProject(file);

    viewModel.closeProject();

    assertThat(viewModel.titleProperty().get()).isEqualTo("Benchwright");
    assertThat(viewModel.statusTextProperty().get()).isEqualTo("No project open");
    assertThat(viewModel.projectPathProperty().get()).isNull();
    assertOpenableForWriting(file);
  }

  @Test
  void closingTheViewModelReleasesTheOpenProject() {
    Path file = existingProject("demo.bwproj");
    viewModel.openProject(file);

    viewModel.close();

    assertOpenableForWriting(file);
  }

  @Test
  void selectingARunPutsTheCursorOnItsLastStep() {
    viewModel.openProject(existingProject("runs.bwproj"));
    Project project = viewModel.project().orElseThrow();
    RunInfo run = project.runs().create(new NewRun("engineer", "ramp", "{}"));
    project
        .events()
        .appendAll(
            run.id(),
            List.of(
                Event.of(EventType.RUN_STARTED, null, "{}"),
                Event.of(EventType.USER_MESSAGE, "planner", "{\"text\":\"hi\"}"),
                Event.of(EventType.OUTCOME, null, "{}")));

    viewModel.selectRun(run);

    assertThat(viewModel.runCursor().run()).isEqualTo(run);
    assertThat(viewModel.runCursor().project()).isSameAs(project);
    assertThat(viewModel.runCursor().step()).isEqualTo(3);
    assertThat(viewModel.runCursor().lastStepProperty().get()).isEqualTo(3);
  }

  @Test
  void closingTheProjectDeselectsTheRun() {
    viewModel.openProject(existingProject("runs.bwproj"));
    RunInfo run =
        viewModel.project().orElseThrow().runs().create(new NewRun("engineer", "ramp", "{}"));
    viewModel.selectRun(run);

    viewModel.closeProject();

    assertThat(viewModel.runCursor().run()).isNull();
    assertThat(viewModel.runCursor().project()).isNull();
    assertThat(viewModel.runCursor().step()).isZero();
  }

  private Path existingProject(String name) {
    Path file = dir.resolve(name);
    Project.create(file).close();
    return file;
  }

  /** A project still held by the view model would refuse a second writer, even in this JVM. */
  private static void assertOpenableForWriting(Path file) {
    assertThatCode(() -> Project.open(file).close()).doesNotThrowAnyException();
  }
}
