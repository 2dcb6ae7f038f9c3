package org.benchwright.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.benchwright.engine.project.Project;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsCommandTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream oldOut;
  private PrintStream oldErr;
  private String file;

  @BeforeEach
  void captureAndCreate() {
    oldOut = System.out;
    oldErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    file = dir.resolve("p.bwproj").toString();
    assertThat(BenchwrightCli.run("project", "create", file)).isZero();
    out.reset();
  }

  @AfterEach
  void restore() {
    System.setOut(oldOut);
    System.setErr(oldErr);
  }

  @Test
  void setThenGetAndListShowTheValueBesideItsDefault() {
    assertThat(
            BenchwrightCli.run(
                "settings", "set", "--project", file, "tool.approval.simulate", "ask"))
        .isZero();
    assertThat(out.toString()).isEqualTo("tool.approval.simulate = ask" + System.lineSeparator());

    out.reset();
    assertThat(BenchwrightCli.run("settings", "get", "--project", file, "tool.approval.simulate"))
        .isZero();
    assertThat(out.toString())
        .contains("Value:       ask")
        .contains("Default:     always")
        .contains("Allowed:     one of always, ask, never");

    out.reset();
    assertThat(BenchwrightCli.run("settings", "list", "--project", file)).isZero();
    assertThat(out.toString().lines())
        .first()
        .asString()
        .startsWith("KEY")
        .contains("VALUE")
        .contains("DEFAULT")
        .contains("DESCRIPTION");
    assertThat(out.toString().lines())
        .anySatisfy(
            l -> assertThat(l).matches("tool\\.approval\\.simulate +ask +always +Whether.*"))
        .anySatisfy(l -> assertThat(l).matches("skills\\.learn_after +- +4 +Failures.*"))
        .noneSatisfy(l -> assertThat(l).startsWith("project.uid"));
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void aBadValueIsReportedOnStderrAndNothingIsWritten() throws Exception {
    Map<String, String> before;
    try (Project p = Project.openReadOnly(Path.of(file))) {
      before = p.settings().all();
    }
    int code =
        BenchwrightCli.run(
            "settings",
            "set",
            "--project",
            file,
            "cad.materials",
            "{\"pla\": {\"usd_per_kg\": -1}}");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "error: Setting cad.materials: 'pla': usd_per_kg must not be negative, found -1.0."
                + System.lineSeparator());
    assertThat(out.toString()).isEmpty();
    try (Project p = Project.openReadOnly(Path.of(file))) {
      assertThat(p.settings().all()).isEqualTo(before);
    }
  }

  @Test
  void anUnknownKeyIsAnError() {
    assertThat(BenchwrightCli.run("settings", "get", "--project", file, "no.such")).isEqualTo(2);
    assertThat(err.toString()).startsWith("error: There is no setting 'no.such'.");
  }

  @Test
  void settingAProjectOpenForWritingElsewhereSaysSoAndWritesNothing() {
    try (Project writer = Project.open(Path.of(file))) {
      int code =
          BenchwrightCli.run("settings", "set", "--project", file, "skills.learn_after", "2");

      assertThat(code).isEqualTo(2);
      assertThat(err.toString()).contains("is open for writing by another process");
      assertThat(writer.settings().get("skills.learn_after")).isEmpty();
    }
  }

  @Test
  void unsetBringsTheDefaultBack() {
    BenchwrightCli.run("settings", "set", "--project", file, "skills.learn_after", "2");
    out.reset();

    assertThat(BenchwrightCli.run("settings", "unset", "--project", file, "skills.learn_after"))
        .isZero();

    assertThat(out.toString()).contains("skills.learn_after is back to its default");
    try (Project p = Project.openReadOnly(Path.of(file))) {
      assertThat(p.settings().all()).doesNotContainKey("skills.learn_after");
    }
  }

  @Test
  void everySettingsCommandAnswersHelp() {
    for (String[] args :
        new String[][] {
          {"settings", "--help"},
          {"settings", "list", "--help"},
          {"settings", "get", "--help"},
          {"settings", "set", "--help"},
          {"settings", "unset", "--help"}
        }) {
      out.reset();
      assertThat(BenchwrightCli.run(args)).as(String.join(" ", args)).isZero();
      assertThat(out.toString())
          .as(String.join(" ", args))
          .startsWith("Usage: benchwright settings");
    }
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void anUnknownOrMissingSubcommandIsAUsageError() {
    assertThat(BenchwrightCli.run("settings", "frob", "--help")).isEqualTo(2);
    assertThat(BenchwrightCli.run("frobnicate", "--help")).isEqualTo(2);
    assertThat(BenchwrightCli.run("settings")).isEqualTo(2);
    assertThat(err.toString()).contains("Usage: benchwright settings");
  }
}
