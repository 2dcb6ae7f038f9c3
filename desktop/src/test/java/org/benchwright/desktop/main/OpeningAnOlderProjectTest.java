package org.benchwright.desktop.main;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.benchwright.desktop.ui.CurrentThreadUiExecutor;
import org.benchwright.desktop.ui.FakeDialogService;
import org.benchwright.desktop.ui.LongWork;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.ProjectFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project written by the first release (format 1) is updated when opened: the window shows that
 * as long work, and cancelling abandons the open without leaving a half-updated file.
 */
class OpeningAnOlderProjectTest {

  @TempDir Path dir;
  private Path old;
  private final FakeDialogService dialogs = new FakeDialogService();
  private final List<LongWork> shown = new ArrayList<>();
  private Consumer<LongWork> whenShown = w -> {};
  private MainWindowViewModel vm;

  @BeforeEach
  void setUp() throws Exception {
    old = dir.resolve("old.bwproj");
    try (InputStream in = getClass().getResourceAsStream("format1.bwproj")) {
      Files.copy(in, old);
    }
    vm = new MainWindowViewModel(new CurrentThreadUiExecutor(), dialogs);
    vm.longWorkProperty()
        .addListener(
            (obs, before, now) -> {
              if (now != null) {
                shown.add(now);
                whenShown.accept(now);
              }
            });
  }

  @AfterEach
  void tearDown() {
    vm.close();
  }

  @Test
  void anOlderProjectIsShownAsBeingUpdatedThenOpens() {
    vm.openProject(old);

    assertThat(shown)
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.title()).isEqualTo("Updating old.bwproj");
              assertThat(w.messageProperty().get()).contains("format 1").contains("backup copy");
              assertThat(w.cancelMeaning()).contains("not opened");
              assertThat(w.runningProperty().get()).as("ended with the open").isFalse();
            });
    assertThat(vm.longWorkProperty().get()).isNull();
    assertThat(vm.projectPathProperty().get()).isEqualTo(old);
    assertThat(vm.project().orElseThrow().schemaVersion())
        .isEqualTo(ProjectFiles.currentSchemaVersion());
    assertThat(vm.project().orElseThrow().migrationBackup()).isPresent();
    assertThat(dialogs.errors()).isEmpty();
  }

  @Test
  void cancellingAbandonsTheOpenButTheUpdateCompletesWithItsBackup() throws Exception {
    whenShown = LongWork::cancel;

    vm.openProject(old);

    assertThat(vm.projectPathProperty().get()).isNull();
    assertThat(vm.busyProperty().get()).isFalse();
    assertThat(vm.statusTextProperty().get()).isEqualTo("Opening old.bwproj was cancelled");
    assertThat(dialogs.errors()).as("a cancel is not an error").isEmpty();
    // Never half-done: the file is fully updated and the backup of format 1 is beside it.
    assertThat(ProjectFiles.schemaVersion(old)).hasValue(ProjectFiles.currentSchemaVersion());
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.startsWith("old.bwproj.format1-") && n.endsWith(".bak"));
    }
    // It was closed, so it opens again at once (no writer lock left behind), now without update.
    shown.clear();
    whenShown = w -> {};
    vm.openProject(old);
    assertThat(vm.projectPathProperty().get()).isEqualTo(old);
    assertThat(shown).isEmpty();
    try (Project p = Project.openReadOnly(old)) {
      assertThat(p.runs().list()).hasSize(1);
    }
  }

  @Test
  void aCurrentProjectOpensWithoutLongWork() {
    Path current = dir.resolve("current.bwproj");
    Project.create(current).close();

    vm.openProject(current);

    assertThat(shown).isEmpty();
    assertThat(vm.projectPathProperty().get()).isEqualTo(current);
  }
}
