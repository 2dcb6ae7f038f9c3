package org.benchwright.engine.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that are not (current) projects get a specific error and stay byte-for-byte unchanged. */
class ProjectFileErrorsTest {

  @TempDir Path dir;

  @Test
  void aTruncatedProjectIsReportedAsTruncatedAndLeftUnchanged() throws Exception {
    Path file = projectWithEvents("t.bwproj", 2_000);
    byte[] whole = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(whole, whole.length / 2));
    byte[] before = Files.readAllBytes(file);

    assertThatThrownBy(() -> Project.open(file))
        .isInstanceOf(ProjectException.Corrupt.class)
        .hasMessageContaining("truncated");
    assertUnchanged(file, before);
  }

  @Test
  void aFileCutInsideTheHeaderIsReportedAsTruncated() throws Exception {
    Path file = projectWithEvents("h.bwproj", 1);
    Files.write(file, Arrays.copyOf(Files.readAllBytes(file), 50));
    byte[] before = Files.readAllBytes(file);
    assertThatThrownBy(() -> Project.open(file))
        .isInstanceOf(ProjectException.Corrupt.class)
        .hasMessageContaining("truncated");
    assertUnchanged(file, before);
  }

  @Test
  void aNonSqliteFileIsNotAProjectAndIsLeftUnchanged() throws Exception {
    Path file = dir.resolve("notes.bwproj");
    Files.writeString(file, "These are my notes, not a database.\n".repeat(200));
    byte[] before = Files.readAllBytes(file);

    assertThatThrownBy(() -> Project.open(file))
        .isInstanceOf(ProjectException.NotAProject.class)
        .hasMessageContaining("not an SQLite database");
    assertThatThrownBy(() -> Project.openReadOnly(file))
        .isInstanceOf(ProjectException.NotAProject.class);
    assertUnchanged(file, before);
  }

  @Test
  void anEmptyFileIsNotAProject() throws Exception {
    Path file = dir.resolve("empty.bwproj");
    Files.createFile(file);
    assertThatThrownBy(() -> Project.open(file))
        .isInstanceOf(ProjectException.NotAProject.class)
        .hasMessageContaining("empty");
    assertThat(Files.size(file)).isZero();
  }

  @Test
  void anotherApplicationsSqliteDatabaseIsNotAProject() throws Exception {
    Path file = dir.resolve("other.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE contacts (name TEXT)");
      s.execute("INSERT INTO contacts VALUES ('Ada')");
    }
    byte[] before = Files.readAllBytes(file);
    assertThatThrownBy(() -> Project.open(file))
        .isInstanceOf(ProjectException.NotAProject.class)
        .hasMessageContaining("not a Benchwright project");
    assertUnchanged(file, before);
  }

  @Test
  void aProjectFromANewerVersionIsRefusedAndLeftUnchanged() throws Exception {
    Path file = projectWithEvents("new.bwproj", 10);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA user_version = " + (Migrations.CURRENT_VERSION + 5));
    }
    byte[] before = Files.readAllBytes(file);

    assertThatThrownBy(() -> Project.open(file))
        .isInstanceOf(ProjectException.TooNew.class)
        .hasMessageContaining("newer Benchwright")
        .hasMessageContaining("not changed");
    assertThatThrownBy(() -> Project.openReadOnly(file))
        .isInstanceOf(ProjectException.TooNew.class);
    assertUnchanged(file, before);
  }

  @Test
  void aProjectOfTheFirstFormatIsMigratedAfterABackupIsWritten() throws Exception {
    Path file = dir.resolve("old.bwproj");
    try (InputStream in = getClass().getResourceAsStream("/fixtures/format1.bwproj")) {
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    }
    byte[] original = Files.readAllBytes(file);

    try (Project p = Project.open(file)) {
      assertThat(p.schemaVersion()).isEqualTo(Migrations.CURRENT_VERSION);
      Path backup = p.migrationBackup().orElseThrow();
      assertThat(backup.getFileName().toString())
          .startsWith("old.bwproj.format1-")
          .endsWith(".bak");
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + backup);
          Statement s = c.createStatement();
          var rs = s.executeQuery("PRAGMA user_version")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(1);
      }
      // The data of the old project is all still there, readable through the current API.
      RunInfo run = p.runs().list().getFirst();
      assertThat(run.task()).isEqualTo("a ball rolls down a ramp into a bin");
      assertThat(run.label()).isNull();
      assertThat(p.events().events(run.id(), 1, 10)).hasSize(2);
      assertThat(p.files().fileAt(run.id(), "scene.xml", 2))
          .hasValueSatisfying(
              b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("<mujoco/>"));
      assertThat(p.events().append(run.id(), Event.of(EventType.NOTE, null, "{}"))).isEqualTo(3);
    }
    assertThat(Files.readAllBytes(file)).isNotEqualTo(original);
  }

  @Test
  void anOlderProjectCannotBeOpenedReadOnly() throws Exception {
    Path file = dir.resolve("old.bwproj");
    try (InputStream in = getClass().getResourceAsStream("/fixtures/format1.bwproj")) {
      Files.copy(in, file);
    }
    assertThatThrownBy(() -> Project.openReadOnly(file))
        .hasMessageContaining("older project format");
  }

  @Test
  void aMissingFileSaysThereIsNoProject() {
    assertThatThrownBy(() -> Project.open(dir.resolve("nowhere.bwproj")))
        .hasMessageContaining("No project at");
  }

  private Path projectWithEvents(String name, int events) {
    Path file = dir.resolve(name);
    try (Project p = Project.create(file)) {
      long run = p.runs().create(new NewRun("wf", "task", "{}")).id();
      String payload = "{\"text\":\"" + "x".repeat(300) + "\"}";
      p.events()
          .appendAll(
              run,
              java.util.stream.IntStream.range(0, events)
                  .mapToObj(i -> Event.of(EventType.NOTE, "n", payload))
                  .toList());
    }
    return file;
  }

  private static void assertUnchanged(Path file, byte[] before) throws Exception {
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    for (String suffix : List.of("-wal", "-shm", "-journal")) {
      assertThat(file.resolveSibling(file.getFileName() + suffix)).doesNotExist();
    }
    assertThat(siblingBackups(file)).isEmpty();
  }

  private static List<Path> siblingBackups(Path file) throws Exception {
    try (var s = Files.list(file.getParent())) {
      return s.filter(p -> p.getFileName().toString().endsWith(".bak")).toList();
    }
  }
}
