package org.benchwright.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchwrightCliTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream oldOut;
  private PrintStream oldErr;

  @BeforeEach
  void capture() {
    oldOut = System.out;
    oldErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(oldOut);
    System.setErr(oldErr);
  }

  @Test
  void versionNamesTheBuildAndTheJava() {
    assertThat(BenchwrightCli.run("--version")).isZero();
    assertThat(out.toString()).contains("benchwright 0.").contains("Java " + Runtime.version());
  }

  @Test
  void projectCreateThenInfoShowsAnEmptyCurrentProject() {
    Path file = dir.resolve("demo.bwproj");
    assertThat(BenchwrightCli.run("project", "create", file.toString())).isZero();
    assertThat(out.toString()).contains("Created " + file);
    assertThat(BenchwrightCli.run("project", "info", file.toString())).isZero();
    assertThat(out.toString())
        .containsPattern("Format:   \\d+")
        .contains("Runs:     0")
        .contains("Events:   0");
  }

  @Test
  void infoOnANonProjectFailsWithTheReasonAndExitCode2() throws Exception {
    Path file = dir.resolve("notes.txt");
    Files.writeString(file, "hello");
    assertThat(BenchwrightCli.run("project", "info", file.toString())).isEqualTo(2);
    assertThat(err.toString()).startsWith("error: ").contains("not an SQLite database");
    assertThat(Files.readString(file)).isEqualTo("hello");
  }

  @Test
  void createOverAnExistingFileFailsAndKeepsIt() throws Exception {
    Path file = dir.resolve("x.bwproj");
    Files.writeString(file, "keep me");
    assertThat(BenchwrightCli.run("project", "create", file.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("already exists");
    assertThat(Files.readString(file)).isEqualTo("keep me");
  }

  @Test
  void anUnknownCommandIsAUsageError() {
    assertThat(BenchwrightCli.run("frobnicate")).isEqualTo(2);
    assertThat(err.toString()).contains("Unmatched argument");
  }
}
