package org.benchwright.engine.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.benchwright.engine.project.Event;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.NewRun;
import org.benchwright.engine.project.Project;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupsTest {

  @TempDir Path dir;
  Path project;
  long run;

  @BeforeEach
  void fill() {
    project = dir.resolve("work.bwproj");
    try (Project p = Project.create(project)) {
      run = p.runs().create(new NewRun("wf", "t", "{}")).id();
      for (int i = 0; i < 200; i++) {
        p.events().append(run, Event.of(EventType.NOTE, "n", "{\"i\":" + i + "}"));
      }
      p.files().write(run, "n", "a.txt", "hello".repeat(100).getBytes());
    }
  }

  @Test
  void backupAndRestoreRoundTrip() throws Exception {
    Path backups = dir.resolve("backups");
    Backups.Result r = Backups.backup(project, backups, 3);
    assertThat(r.backup().getFileName().toString()).startsWith("work-").endsWith(".bwproj.xz");
    assertThat(Files.readString(r.checksum())).contains(r.backup().getFileName().toString());
    assertThat(r.ratio()).isGreaterThan(2);
    Path restored = Backups.restore(r.backup(), dir.resolve("restored.bwproj"), false);
    try (Project p = Project.openReadOnly(restored)) {
      assertThat(p.integrityCheck()).isEqualTo("ok");
      assertThat(p.events().lastSeq(run)).isEqualTo(201);
      assertThat(p.files().fileAt(run, "a.txt", 201)).isPresent();
    }
    try (var s = Files.list(backups)) {
      assertThat(s.map(x -> x.getFileName().toString())).noneMatch(n -> n.startsWith("."));
    }
  }

  @Test
  void retentionKeepsTheNewestN() throws Exception {
    Path backups = dir.resolve("backups");
    Path newest = null;
    for (int i = 0; i < 5; i++) {
      newest = Backups.backup(project, backups, 2).backup();
      Thread.sleep(5);
    }
    assertThat(Backups.list(backups, "work")).hasSize(2).last().isEqualTo(newest);
    try (var s = Files.list(backups)) {
      assertThat(s.count()).isEqualTo(4); // two backups, two checksum files
    }
  }

  @Test
  void checksumMismatchIsRefusedAndTargetUntouched() throws Exception {
    Path backups = dir.resolve("backups");
    Path b = Backups.backup(project, backups, 3).backup();
    byte[] data = Files.readAllBytes(b);
    data[data.length / 2] ^= 1;
    Files.write(b, data);
    Path target = dir.resolve("restored.bwproj");
    assertThatThrownBy(() -> Backups.restore(b, target, true))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("Checksum mismatch");
    assertThat(target).doesNotExist();
    try (var s = Files.list(dir)) {
      assertThat(s.map(x -> x.getFileName().toString())).noneMatch(n -> n.endsWith(".restore"));
    }
  }

  @Test
  void restoreRefusesToOverwriteWithoutForce() throws Exception {
    Path b = Backups.backup(project, dir.resolve("backups"), 3).backup();
    Path other = dir.resolve("other.bwproj");
    try (Project p = Project.create(other)) {
      p.runs().create(new NewRun("x", "y", "{}"));
    }
    byte[] before = Files.readAllBytes(other);
    assertThatThrownBy(() -> Backups.restore(b, other, false))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("--force");
    assertThat(Files.readAllBytes(other)).isEqualTo(before);
    Backups.restore(b, other, true);
    try (Project p = Project.openReadOnly(other)) {
      assertThat(p.events().lastSeq(run)).isEqualTo(201);
    }
  }

  @Test
  void entriesAreTheProjectsBackupsNewestFirstWithTheirChecksums() throws Exception {
    Path backups = dir.resolve("backups");
    assertThat(Backups.entries(project, backups)).isEmpty();
    Backups.Result older = Backups.backup(project, backups, 5);
    Thread.sleep(5);
    Backups.Result newer = Backups.backup(project, backups, 5);
    Files.writeString(backups.resolve("work-notes.bwproj.xz"), "not a backup");
    Files.writeString(backups.resolve("other-20250101T000000.000Z.bwproj.xz"), "another project");

    var entries = Backups.entries(project, backups);
    assertThat(entries)
        .extracting(Backups.Entry::file)
        .containsExactly(newer.backup(), older.backup());
    assertThat(entries.getFirst().bytes()).isEqualTo(newer.compressedBytes());
    assertThat(entries.getFirst().sha256())
        .isEqualTo(Files.readString(newer.checksum()).split("\\s+")[0]);
    assertThat(entries.getFirst().takenAt()).isAfter(entries.getLast().takenAt());

    Files.delete(older.checksum());
    assertThat(Backups.entries(project, backups).getLast().sha256()).isNull();
  }
}
