package org.benchwright.engine.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderImportTest {

  private static final long MB = 1024 * 1024;

  @TempDir Path dir;
  private Path folder;
  private Project project;
  private long run;

  @BeforeEach
  void open() throws IOException {
    folder = Files.createDirectories(dir.resolve("code"));
    project = Project.create(dir.resolve("p.bwproj"));
    run = project.runs().create(new NewRun("experiment-loop", "tune", "{}")).id();
  }

  @AfterEach
  void close() {
    project.close();
  }

  private Path file(String rel, String content) throws IOException {
    Path f = folder.resolve(rel);
    Files.createDirectories(f.getParent());
    return Files.writeString(f, content);
  }

  private FolderImport.Plan scan(int maxFiles, long maxFileBytes, long maxTotalBytes) {
    return FolderImport.scan(folder, maxFiles, maxFileBytes, maxTotalBytes);
  }

  private Map<String, FileVersion> filesNow() {
    return project.files().filesAt(run, project.events().lastSeq(run));
  }

  private String content(String path) {
    return new String(
        project.files().fileAt(run, path, project.events().lastSeq(run)).orElseThrow(),
        StandardCharsets.UTF_8);
  }

  @Test
  void theFolderIsRecordedInPathOrderUnderTheImportNode() throws IOException {
    file("train.py", "lr = 0.1\n");
    file("src/model.py", "class M: pass\n");
    file("data/tiny.csv", "a,b\n1,2\n");

    FolderImport.Plan plan = scan(100, MB, MB);
    assertThat(plan.files())
        .containsExactly(
            folder.resolve("data/tiny.csv"),
            folder.resolve("src/model.py"),
            folder.resolve("train.py"));
    assertThat(plan.bytes()).isEqualTo(9 + 14 + 8);

    plan.recordInto(project, run);
    assertThat(filesNow()).containsOnlyKeys("data/tiny.csv", "src/model.py", "train.py");
    assertThat(content("train.py")).isEqualTo("lr = 0.1\n");
    assertThat(filesNow().get("src/model.py").size()).isEqualTo(14);
    try (var changes = project.events().stream(run, Set.of(EventType.FILE_CHANGE))) {
      assertThat(changes.map(RecordedEvent::node).distinct().toList())
          .containsExactly(FolderImport.NODE);
    }
  }

  @Test
  void versionControlAndCacheFoldersAreLeftOutAndNotCounted() throws IOException {
    file("train.py", "x");
    file(".git/HEAD", "ref: refs/heads/main\n");
    file(".git/objects/ab/cdef", "blob".repeat(1000));
    file("node_modules/left-pad/index.js", "module.exports = 1;\n");
    file("src/__pycache__/model.cpython-312.pyc", "bytecode");
    file("vendor/lib/.git/config", "[core]\n");
    file(".venv/bin/python", "#!");
    // Only the file around them counts, so caps of one file and ten bytes pass.
    FolderImport.Plan plan = scan(1, 10, 10);
    assertThat(plan.files()).containsExactly(folder.resolve("train.py"));
    plan.recordInto(project, run);
    assertThat(filesNow()).containsOnlyKeys("train.py");
  }

  @Test
  void aFileNamedLikeASkippedFolderIsStillImported() throws IOException {
    // A worktree's or submodule's .git is a file; only folders of that name are left out.
    file(".git", "gitdir: ../.git/worktrees/code\n");
    file("train.py", "x");
    assertThat(scan(10, MB, MB).files())
        .containsExactly(folder.resolve(".git"), folder.resolve("train.py"));
  }

  @Test
  void moreFilesThanTheCapAreRefusedNamingTheSetting() throws IOException {
    file("a.py", "1");
    file("b.py", "2");
    assertThat(scan(2, MB, MB).files()).hasSize(2);
    file("c.py", "3");
    assertThatThrownBy(() -> scan(2, MB, MB))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot import "
                + folder
                + ": it has more than 2 files (setting sandbox.sync.max_files).");
  }

  @Test
  void aFileOverThePerFileCapIsRefusedNamingIt() throws IOException {
    file("ok.py", "x".repeat(10));
    assertThat(scan(10, 10, MB).files()).hasSize(1);
    file("data/big.bin", "x".repeat(11));
    assertThatThrownBy(() -> scan(10, 10, MB))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot import data/big.bin: it has 11 bytes, over the 10-byte cap per file (setting"
                + " sandbox.sync.max_file_mb).");
  }

  @Test
  void aFolderOverTheTotalCapIsRefused() throws IOException {
    file("a.bin", "x".repeat(6));
    file("b.bin", "x".repeat(4));
    assertThat(scan(10, 10, 10).bytes()).isEqualTo(10);
    file("c.bin", "x");
    assertThatThrownBy(() -> scan(10, 10, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot import "
                + folder
                + ": it holds more than 10 bytes (setting sandbox.sync.max_total_mb).");
  }

  @Test
  void aMissingFolderOrAFileIsRefused() throws IOException {
    Path missing = dir.resolve("nope");
    assertThatThrownBy(() -> FolderImport.scan(missing, 10, MB, MB))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot import " + missing + ": it is not a folder.");
    Path aFile = file("train.py", "x");
    assertThatThrownBy(() -> FolderImport.scan(aFile, 10, MB, MB))
        .hasMessageContaining("it is not a folder");
  }

  @Test
  void aRefusedFolderLeavesTheRunAndTheBlobsUntouched() throws IOException {
    file("a.py", "first file, read before the cap is hit");
    file("z.bin", "x".repeat(100));
    long before = project.events().lastSeq(run);
    assertThatThrownBy(() -> scan(10, 50, MB)).hasMessageContaining("z.bin");
    assertThat(project.events().lastSeq(run)).isEqualTo(before);
    assertThat(filesNow()).isEmpty();
    assertThat(project.blobs().get(BlobStore.addressOf(Files.readAllBytes(folder.resolve("a.py")))))
        .isEmpty();
  }

  @Test
  void symlinksAreRecordedAsLinksAndNeverFollowed() throws IOException {
    Path outside = Files.writeString(dir.resolve("secret.txt"), "not part of the run");
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    Files.writeString(elsewhere.resolve("big.bin"), "x".repeat(1000));
    file("train.py", "x");
    try {
      Files.createSymbolicLink(folder.resolve("latest.py"), Path.of("train.py"));
    } catch (UnsupportedOperationException | IOException e) {
      assumeThat(false).as("this file system has symlinks").isTrue();
    }
    Files.createSymbolicLink(folder.resolve("leak.txt"), outside);
    Files.createSymbolicLink(folder.resolve("data"), elsewhere);
    Files.createSymbolicLink(folder.resolve("dangling"), Path.of("gone.txt"));

    // The linked folder's 1000-byte file is not walked into: a 100-byte cap per file passes.
    FolderImport.Plan plan = scan(10, 100, MB);
    plan.recordInto(project, run);

    Map<String, FileVersion> files = filesNow();
    assertThat(files).containsOnlyKeys("dangling", "data", "latest.py", "leak.txt", "train.py");
    assertThat(files.get("train.py").symlink()).isFalse();
    assertThat(List.of("dangling", "data", "latest.py", "leak.txt"))
        .allSatisfy(p -> assertThat(files.get(p).symlink()).as(p).isTrue());
    // A link's content is its target, not what it points at.
    assertThat(content("latest.py")).isEqualTo("train.py");
    assertThat(content("leak.txt")).isEqualTo(outside.toString());
    assertThat(content("data")).isEqualTo(elsewhere.toString());
  }

  @Test
  void aFolderLargerThanOneBatchIsRecordedWhole() throws IOException {
    for (int i = 0; i < 1_001; i++) {
      file(String.format("d/f%04d.txt", i), "n" + i);
    }
    scan(2_000, MB, 10 * MB).recordInto(project, run);
    Map<String, FileVersion> files = filesNow();
    assertThat(files).hasSize(1_001).containsKeys("d/f0000.txt", "d/f0500.txt", "d/f1000.txt");
    assertThat(content("d/f1000.txt")).isEqualTo("n1000");
  }
}
