package org.benchwright.desktop.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.SimpleObjectProperty;
import org.benchwright.desktop.ui.CurrentThreadUiExecutor;
import org.benchwright.desktop.ui.FakeDialogService;
import org.benchwright.engine.project.Project;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectHistoryViewModelTest {

  @TempDir Path dir;

  private final FakeDialogService dialogs = new FakeDialogService();
  private final SimpleObjectProperty<Path> openProject = new SimpleObjectProperty<>();
  private final List<Path> opened = new ArrayList<>();
  private UserDirs dirs;
  private ProjectHistoryViewModel vm;

  @BeforeEach
  void setUp() {
    dirs = new UserDirs(dir.resolve("config"), dir.resolve("data"));
    vm = newViewModel();
  }

  private ProjectHistoryViewModel newViewModel() {
    return new ProjectHistoryViewModel(
        dirs,
        new CurrentThreadUiExecutor(),
        dialogs,
        openProject,
        file -> {
          opened.add(file);
          openProject.set(file);
        });
  }

  @Test
  void theFirstLaunchCreatesTheDemoProjectAndOpensIt() {
    boolean[] done = {false};

    vm.start(() -> done[0] = true);

    assertThat(done[0]).isTrue();
    assertThat(opened).containsExactly(dirs.demoProject());
    try (Project p = Project.openReadOnly(dirs.demoProject())) {
      assertThat(p.runs().list()).hasSizeGreaterThanOrEqualTo(2);
    }
    assertThat(vm.recent()).containsExactly(dirs.demoProject());
    assertThat(DesktopSettings.load(dirs.settingsFile()).settings().lastProject())
        .isEqualTo(dirs.demoProject());
    assertThat(dialogs.errors()).isEmpty();
  }

  @Test
  void theNextLaunchReopensTheLastProjectInsteadOfTheDemo() throws Exception {
    Path mine = dir.resolve("mine.bwproj");
    Files.writeString(mine, "a project");
    DesktopSettings.empty().opened(mine).save(dirs.settingsFile());

    vm.start(() -> {});

    assertThat(opened).containsExactly(mine);
    assertThat(dirs.demoProject()).doesNotExist();
  }

  @Test
  void openingAndClosingProjectsUpdatesTheRecentListAndTheFile() {
    Path a = dir.resolve("a.bwproj");
    Path b = dir.resolve("b.bwproj");

    openProject.set(a);
    openProject.set(b);
    openProject.set(null);

    assertThat(vm.recent()).containsExactly(b, a);
    DesktopSettings saved = DesktopSettings.load(dirs.settingsFile()).settings();
    assertThat(saved.recent()).containsExactly(b, a);
    assertThat(saved.lastProject()).isNull();
  }

  @Test
  void aRecentProjectThatVanishedIsRemovedWithAMessage() {
    Path gone = dir.resolve("gone.bwproj");
    openProject.set(gone);
    openProject.set(null);

    vm.openRecent(gone);

    assertThat(opened).isEmpty();
    assertThat(vm.recent()).isEmpty();
    assertThat(dialogs.errors())
        .singleElement()
        .satisfies(
            e -> assertThat(e.error().getMessage()).contains(gone.toString()).contains("removed"));
    assertThat(DesktopSettings.load(dirs.settingsFile()).settings().recent()).isEmpty();
  }

  @Test
  void aRecentProjectThatExistsIsOpened() throws Exception {
    Path here = Files.writeString(dir.resolve("here.bwproj"), "x");

    vm.openRecent(here);

    assertThat(opened).containsExactly(here);
  }

  @Test
  void aVanishedLastProjectIsReportedAndNothingOpens() {
    Path gone = dir.resolve("gone.bwproj");
    DesktopSettings.empty().opened(gone).save(dirs.settingsFile());

    vm.start(() -> {});

    assertThat(opened).isEmpty();
    assertThat(dialogs.errors())
        .singleElement()
        .satisfies(e -> assertThat(e.error().getMessage()).contains("moved or deleted"));
    assertThat(dirs.demoProject()).doesNotExist();
  }

  @Test
  void aBrokenSettingsFileIsReportedKeptAndTheDemoOpens() throws Exception {
    Files.createDirectories(dirs.config());
    Files.writeString(dirs.settingsFile(), "not json");

    vm.start(() -> {});

    assertThat(dialogs.errors())
        .singleElement()
        .satisfies(e -> assertThat(e.error().getMessage()).contains("could not be read"));
    assertThat(opened).containsExactly(dirs.demoProject());
    try (var files = Files.list(dirs.config())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.startsWith("desktop.json.broken-"));
    }
  }
}
