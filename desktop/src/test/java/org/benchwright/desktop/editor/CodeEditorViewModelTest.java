package org.benchwright.desktop.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.benchwright.desktop.run.RunCursor;
import org.benchwright.desktop.ui.CurrentThreadUiExecutor;
import org.benchwright.desktop.ui.QueueingUiExecutor;
import org.benchwright.desktop.ui.TextDiff;
import org.benchwright.engine.project.NewRun;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RunInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The editor's view model over a real project file, without a robot. */
class CodeEditorViewModelTest {

  @TempDir Path dir;

  private Project project;
  private RunInfo run;
  private final RunCursor cursor = new RunCursor();
  private long v1;
  private long other;
  private long v2;
  private long image;

  @BeforeEach
  void recordARun() {
    project = Project.create(dir.resolve("editor.bwproj"));
    run = project.runs().create(new NewRun("w", "t", "{}"));
    v1 = write("src/part.scad", "cube(10);\n");
    other = write("main.py", "print(1)\n");
    v2 = write("src/part.scad", "cube(10);\nsphere(4);\n");
    image =
        project
            .files()
            .write(
                run.id(), "coder", "out/shot.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1});
    cursor.select(project, run, project.events().lastSeq(run.id()));
  }

  @AfterEach
  void close() {
    project.close();
  }

  private long write(String path, String text) {
    return project.files().write(run.id(), "coder", path, text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void showsTheFilesAtTheCursorAndMarksThoseChangedAtThisStep() {
    var vm = new CodeEditorViewModel(cursor, new CurrentThreadUiExecutor());

    assertThat(vm.shownStepProperty().get()).isEqualTo(image);
    assertThat(vm.treeProperty().get().filePaths())
        .containsExactly("out/shot.png", "src/part.scad", "main.py");
    assertThat(vm.messageProperty().get()).isEqualTo("3 files at step " + image);

    cursor.moveTo(other);

    assertThat(vm.treeProperty().get().filePaths()).containsExactly("src/part.scad", "main.py");
    assertThat(vm.treeProperty().get().children())
        .filteredOn(FileNode::changed)
        .extracting(FileNode::path)
        .containsExactly("main.py");
  }

  @Test
  void theSelectedFileShowsItsContentAsItWasAtTheCursorAndFollowsIt() {
    var vm = new CodeEditorViewModel(cursor, new CurrentThreadUiExecutor());
    vm.select("src/part.scad");
    assertThat(vm.contentProperty().get().text()).isEqualTo("cube(10);\nsphere(4);\n");
    assertThat(vm.contentProperty().get().seq()).isEqualTo(v2);

    cursor.moveTo(other);

    assertThat(vm.selectedPathProperty().get()).isEqualTo("src/part.scad");
    assertThat(vm.contentProperty().get().text()).isEqualTo("cube(10);\n");
    assertThat(vm.contentProperty().get().seq()).isEqualTo(v1);
    assertThat(vm.contentProperty().get().tokens())
        .extracting(Highlighter.Token::styleClass)
        .containsExactly("builtin", "number");
  }

  @Test
  void aSelectedFileThatDoesNotExistYetAtTheCursorIsDeselected() {
    var vm = new CodeEditorViewModel(cursor, new CurrentThreadUiExecutor());
    vm.select("main.py");

    cursor.moveTo(v1);

    assertThat(vm.selectedPathProperty().get()).isNull();
    assertThat(vm.contentProperty().get()).isNull();
    assertThat(vm.treeProperty().get().filePaths()).containsExactly("src/part.scad");
  }

  @Test
  void aBinaryFileGetsANoticeWithItsSizeInsteadOfText() {
    var vm = new CodeEditorViewModel(cursor, new CurrentThreadUiExecutor());
    vm.select("out/shot.png");

    EditorContent c = vm.contentProperty().get();
    assertThat(c.binary()).isTrue();
    assertThat(c.binaryNotice()).isEqualTo("Binary file, 6 bytes");
  }

  @Test
  void aSymbolicLinkIsShownAsOneAndNeverFollowed() {
    String target = project.blobs().put("/etc/passwd".getBytes(StandardCharsets.UTF_8));
    project
        .files()
        .record(
            run.id(),
            "coder",
            java.util.List.of(
                new org.benchwright.engine.project.RunFiles.Change("pw", target, 11, true)));
    cursor.select(project, run, project.events().lastSeq(run.id()));
    var vm = new CodeEditorViewModel(cursor, new CurrentThreadUiExecutor());
    vm.select("pw");

    assertThat(vm.contentProperty().get().binaryNotice())
        .isEqualTo("Symbolic link to /etc/passwd (not followed)");
  }

  @Test
  void aFileTooLargeToShowIsDescribedNotLoaded() throws Exception {
    String sha =
        project
            .blobs()
            .put(
                new java.io.ByteArrayInputStream(
                    new byte[(int) CodeEditorViewModel.SHOW_LIMIT + 1]));
    project
        .files()
        .record(
            run.id(),
            "coder",
            java.util.List.of(
                new org.benchwright.engine.project.RunFiles.Change(
                    "data/big.csv", sha, CodeEditorViewModel.SHOW_LIMIT + 1, false)));
    cursor.select(project, run, project.events().lastSeq(run.id()));
    var vm = new CodeEditorViewModel(cursor, new CurrentThreadUiExecutor());
    vm.select("data/big.csv");

    assertThat(vm.contentProperty().get().binaryNotice()).contains("too large to show here");
  }

  @Test
  void diffModeShowsTheChangeAgainstThePreviousVersion() {
    var vm = new CodeEditorViewModel(cursor, new CurrentThreadUiExecutor());
    vm.select("src/part.scad");

    vm.diffModeProperty().set(true);

    EditorContent c = vm.contentProperty().get();
    assertThat(c.previousSeq()).isEqualTo(v1);
    assertThat(c.diff())
        .filteredOn(l -> l.kind() == TextDiff.Kind.ADDED)
        .extracting(TextDiff.Line::text)
        .containsExactly("sphere(4);");
    assertThat(c.diffText()).contains("+sphere(4);").contains(" cube(10);");

    cursor.moveTo(v1); // the first version: everything is new
    assertThat(vm.contentProperty().get().previousSeq()).isZero();
    assertThat(vm.contentProperty().get().diff())
        .filteredOn(l -> l.kind() == TextDiff.Kind.ADDED)
        .extracting(TextDiff.Line::text)
        .containsExactly("cube(10);", "");
  }

  @Test
  void aLoadThatFinishesAfterTheCursorMovedOnIsDropped() {
    QueueingUiExecutor executor = new QueueingUiExecutor();
    var vm = new CodeEditorViewModel(cursor, executor);
    executor.runAll();
    vm.select("src/part.scad");
    executor.runAll();

    cursor.moveTo(v1);
    QueueingUiExecutor.Pending<?> stale = executor.take().compute(); // in flight at v1
    cursor.moveTo(other);
    executor.take().compute().deliver(); // the load for `other` lands first
    stale.deliver(); // then the one for v1: too late

    assertThat(vm.shownStepProperty().get()).isEqualTo(other);
    assertThat(vm.treeProperty().get().filePaths()).containsExactly("src/part.scad", "main.py");
    assertThat(vm.contentProperty().get().seq()).isEqualTo(v1);
    assertThat(vm.contentProperty().get().step()).isEqualTo(other);
  }

  @Test
  void loadsSupersededBeforeTheyStartDoNoWork() {
    QueueingUiExecutor executor = new QueueingUiExecutor();
    var vm = new CodeEditorViewModel(cursor, executor);
    executor.runAll();

    cursor.previous();
    cursor.previous();
    cursor.previous();
    assertThat(executor.waiting()).isEqualTo(3);
    // Two are stale; closing the project proves they never touch it.
    var first = executor.take();
    var second = executor.take();
    project.close();
    first.compute().deliver();
    second.compute().deliver();
    assertThat(vm.loadingProperty().get()).isTrue();
    assertThat(vm.messageProperty().get()).doesNotContain("Could not");
    project = Project.open(dir.resolve("editor.bwproj"));
  }

  @Test
  void noRunSelectedShowsNothing() {
    var vm = new CodeEditorViewModel(cursor, new CurrentThreadUiExecutor());
    cursor.clear();
    assertThat(vm.treeProperty().get()).isNull();
    assertThat(vm.messageProperty().get()).isEqualTo("No run selected");
  }
}
