package org.benchwright.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.benchwright.engine.model.ApiKeys;
import org.benchwright.engine.project.Project;
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
  void runExecutesAWorkflowHeadlessWithAScriptAndRunsListsIt() throws Exception {
    Path file = dir.resolve("p.bwproj");
    BenchwrightCli.run("project", "create", file.toString());
    Path script = dir.resolve("turns.json");
    Files.writeString(
        script,
        """
        {"turns": [
          {"tool_calls": [{"id": "c1", "name": "update_todo",
            "arguments": {"plan": "ramp", "items": [{"text": "ramp", "status": "todo"}]}}]},
          {"tool_calls": [{"id": "c2", "name": "submit",
            "arguments": {"outcome": "planned", "summary": "a ramp"}}]},
          {"reasoning": "The task cannot be done.",
           "tool_calls": [{"id": "c3", "name": "submit",
            "arguments": {"outcome": "impossible", "summary": "no physics today"}}]}
        ]}
        """);
    int code =
        BenchwrightCli.run(
            "run",
            "--project",
            file.toString(),
            "--workflow",
            "benchmark-generator",
            "--task",
            "ramp",
            "--model",
            "scripted:demo",
            "--script",
            script.toString());
    assertThat(code).isEqualTo(1);
    assertThat(out.toString())
        .contains("run 1 started")
        .contains("update_todo")
        .contains("planner -> coder (planned)")
        .contains("run 1 failed: coder ended with 'impossible': no physics today");
    out.reset();
    assertThat(BenchwrightCli.run("runs", "--project", file.toString())).isZero();
    assertThat(out.toString()).contains("benchmark-generator").contains("failed").contains("ramp");

    // The recorded run exports as fine-tuning data: one valid line per node episode.
    Path jsonl = dir.resolve("train.jsonl");
    assertThat(
            BenchwrightCli.run("export", "--project", file.toString(), "--out", jsonl.toString()))
        .isZero();
    List<String> lines = Files.readAllLines(jsonl);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0))
        .contains("\"role\":\"system\"")
        .contains("update_todo")
        .contains("\"tools\"");
    assertThat(lines.get(1)).contains("no physics today");
  }

  @Test
  void runWithABrokenScriptSaysWhatIsWrong() throws Exception {
    Path file = dir.resolve("p.bwproj");
    BenchwrightCli.run("project", "create", file.toString());
    Path script = dir.resolve("turns.json");
    Files.writeString(script, "{\"turns\": [ {\"tool_calls\": 7} ]}");
    int code =
        BenchwrightCli.run(
            "run",
            "--project",
            file.toString(),
            "--workflow",
            "benchmark-generator",
            "--task",
            "x",
            "--model",
            "scripted:demo",
            "--script",
            script.toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("turns.json");
  }

  @Test
  void runWithoutAnApiKeyIsRefusedBeforeARunIsCreated() {
    assumeThat(ApiKeys.fromEnvironmentAndUserFile().forProvider("openai"))
        .as("this machine has an OpenAI key")
        .isEmpty();
    Path file = dir.resolve("p.bwproj");
    BenchwrightCli.run("project", "create", file.toString());
    out.reset();

    int code =
        BenchwrightCli.run(
            "run",
            "--project",
            file.toString(),
            "--workflow",
            "benchmark-generator",
            "--task",
            "ramp",
            "--model",
            "openai:gpt-4o");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("error: There is no API key for OpenAI. Set OPENAI_API_KEY");
    assertThat(out.toString()).doesNotContain("started");
    try (Project p = Project.openReadOnly(file)) {
      assertThat(p.runs().list()).isEmpty();
    }
  }

  @Test
  void anUnknownCommandIsAUsageError() {
    assertThat(BenchwrightCli.run("frobnicate")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown command 'frobnicate'");
  }

  @Test
  void anUnknownCommandWithHelpIsStillAUsageError() {
    assertThat(BenchwrightCli.run("frobnicate", "--help")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown command 'frobnicate'").contains("run, runs");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void everyCommandPrintsItsHelpAndSucceedsWithoutItsRequiredOptions() {
    List<List<String>> commands = new ArrayList<>();
    collect(BenchwrightCli.commandLine(), List.of(), commands);
    assertThat(commands).extracting(c -> String.join(" ", c)).contains("import", "bundle import");

    for (List<String> command : commands) {
      out.reset();
      err.reset();
      List<String> args = new ArrayList<>(command);
      args.add("--help");

      assertThat(BenchwrightCli.run(args.toArray(String[]::new)))
          .as("benchwright %s --help (stderr: %s)", String.join(" ", args), err)
          .isZero();
      assertThat(out.toString()).as("help of %s", command).contains("Usage: benchwright");
    }
  }

  private static void collect(
      picocli.CommandLine command, List<String> path, List<List<String>> into) {
    command
        .getSubcommands()
        .forEach(
            (name, sub) -> {
              List<String> here = new ArrayList<>(path);
              here.add(name);
              into.add(here);
              collect(sub, here, into);
            });
  }
}
