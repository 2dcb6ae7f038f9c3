package org.benchwright.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.benchwright.engine.project.EventPayload;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RecordedEvent;
import org.benchwright.engine.project.RunInfo;
import org.benchwright.engine.project.RunStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * `benchwright fork` and `benchwright compare` on a scripted run of the benchmark generator (its
 * planner and coder write files only, so no key and no Docker are needed).
 */
class ForkCommandTest {

  @TempDir Path dir;
  @RegisterExtension final StandardStreams std = new StandardStreams();
  private final ByteArrayOutputStream out = std.out;
  private final ByteArrayOutputStream err = std.err;
  private Path file;
  private Path script;

  @BeforeEach
  void recordARun() throws Exception {
    file = dir.resolve("p.bwproj");
    Project.create(file).close();
    // Turn 4 ends the original; turn 5 is there for whatever goes on after a fork at turn 3.
    script =
        Files.writeString(
            dir.resolve("script.json"),
            """
            {"turns": [
              {"tool_calls": [{"id": "t1", "name": "update_todo",
                "arguments": {"plan": "Make a ramp.", "items": [{"text": "ramp", "status": "todo"}]}}]},
              {"tool_calls": [{"id": "t2", "name": "submit",
                "arguments": {"outcome": "planned", "summary": "a ramp"}}]},
              {"tool_calls": [{"id": "t3", "name": "write_file",
                "arguments": {"path": "a.py", "content": "print(1)"}}]},
              {"tool_calls": [{"id": "t4", "name": "submit",
                "arguments": {"outcome": "impossible", "summary": "the original stopped"}}]},
              {"tool_calls": [{"id": "t5", "name": "submit",
                "arguments": {"outcome": "impossible", "summary": "the fork stopped"}}]}
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
    assertThat(code).as("%s%s", out, err).isEqualTo(1);
    assertThat(out.toString()).contains("the original stopped");
    out.reset();
    err.reset();
  }

  /** `benchwright fork` of run 1 at {@code at} with more options. */
  private int fork(String at, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of("fork", "--project", file.toString(), "--run", "1", "--at", at));
    args.addAll(List.of(more));
    return BenchwrightCli.run(args.toArray(String[]::new));
  }

  private long coderReply(int n) {
    try (Project p = Project.openReadOnly(file)) {
      return p.events().stream(1)
          .filter(e -> e.type() == EventType.MODEL_RESPONSE && "coder".equals(e.node()))
          .toList()
          .get(n)
          .seq();
    }
  }

  @Test
  void showReplyPrintsTheRecordedReplyToEditAndForksNothing() {
    int code = fork(String.valueOf(coderReply(1)), "--show-reply");

    assertThat(code).isZero();
    assertThat(out.toString()).contains("\"name\" : \"submit\"").contains("the original stopped");
    try (Project p = Project.openReadOnly(file)) {
      assertThat(p.runs().list()).hasSize(1);
    }
  }

  @Test
  void aForkWithAnEditedReplyContinuesTheScriptWhereItsPointStoodAndCompares() throws Exception {
    Path reply =
        Files.writeString(
            dir.resolve("reply.json"),
            "{\"tool_calls\":[{\"id\":\"h1\",\"name\":\"write_file\","
                + "\"arguments\":{\"path\":\"b.py\",\"content\":\"print(2)\"}}]}");
    long at = coderReply(1);

    int code =
        fork(
            String.valueOf(at),
            "--reply",
            reply.toString(),
            "--why",
            "write b.py instead",
            "--continue",
            "live",
            "--model",
            "scripted:demo",
            "--script",
            script.toString());

    assertThat(code).as("%s%s", out, err).isEqualTo(1);
    assertThat(out.toString())
        .contains("fork 2 of run 1 at event " + (at - 2))
        .contains("the reply replaces this recorded one")
        .contains("write_file")
        // The parent used turns 1 to 3 before the point; the fork's reply answered the next
        // call, so the script went on with turn 4.
        .contains("the original stopped");
    try (Project p = Project.openReadOnly(file)) {
      RunInfo fork = p.runs().find(2).orElseThrow();
      assertThat(fork.parentRunId()).isEqualTo(1);
      assertThat(fork.status()).isEqualTo(RunStatus.FAILED);
      assertThat(p.files().filesAt(2, Long.MAX_VALUE)).containsOnlyKeys("a.py", "b.py");
      assertThat(p.files().filesAt(1, Long.MAX_VALUE)).containsOnlyKeys("a.py");
      List<RecordedEvent> own = p.events().stream(2, fork.forkSeq() + 1).toList();
      assertThat(own.getFirst().payload(EventPayload.Fork.class).why())
          .isEqualTo("write b.py instead");
    }
    out.reset();

    assertThat(
            BenchwrightCli.run(
                "compare", "--project", file.toString(), "--run", "1", "--run", "2", "--diff"))
        .isZero();
    assertThat(out.toString())
        .contains("Shared history: events 1 to " + (at - 2))
        .contains("run 2 (fork of run 1 at " + (at - 2) + ")")
        .contains("added    b.py")
        .contains("MODEL_REQUEST");
    out.reset();

    assertThat(BenchwrightCli.run("runs", "--project", file.toString())).isZero();
    List<String> lines = out.toString().lines().toList();
    assertThat(lines.get(1)).startsWith("1 ");
    assertThat(lines.get(2)).startsWith("2 ").contains("└ fork @" + (at - 2) + " ramp");
  }

  @Test
  void aPausedForkResumedWithItsScriptGoesOnAfterTheTurnsItsHistoryUsed() throws Exception {
    long at = coderReply(0) + 2; // after the coder's write_file result
    assertThat(fork(String.valueOf(at))).as("%s", err).isZero();
    assertThat(out.toString()).contains("paused at its fork point");
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
            "scripted:demo",
            "--script",
            script.toString(),
            "--resume",
            "2");

    assertThat(code).as("%s%s", out, err).isEqualTo(1);
    // Turns 1-3 were used before the point: the fork's next call is turn 4, not turn 1.
    assertThat(out.toString()).contains("the original stopped").doesNotContain("update_todo");
    assertThat(out.toString().lines().filter(l -> l.contains("RUN_STARTED"))).isEmpty();
  }

  @Test
  void aCachedReplayRendersTheRecordAndALiveReplayReproducesItWithoutAModel() throws Exception {
    assertThat(BenchwrightCli.run("replay", "--project", file.toString(), "--run", "1")).isZero();
    assertThat(out.toString())
        .contains("RUN_STARTED")
        .contains("write_file")
        .contains("the original stopped");
    try (Project p = Project.openReadOnly(file)) {
      assertThat(p.runs().list()).hasSize(1);
      assertThat(out.toString().lines()).hasSize((int) p.events().lastSeq(1));
    }
    out.reset();

    // No scripted model is registered here: every answer comes from the recording.
    int code = BenchwrightCli.run("replay", "--project", file.toString(), "--run", "1", "--live");

    assertThat(code).as("%s%s", out, err).isEqualTo(1);
    assertThat(out.toString())
        .contains("fork 2 of run 1")
        .contains("the original stopped")
        .doesNotContain("diverged");
    try (Project p = Project.openReadOnly(file)) {
      assertThat(p.files().filesAt(2, Long.MAX_VALUE)).containsOnlyKeys("a.py");
    }
  }

  @Test
  void badForksExitWithTheReasonOnStderrAndRecordNothing() throws Exception {
    Path broken = Files.writeString(dir.resolve("broken.json"), "{not json");
    assertThat(fork("3", "--reply", broken.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("is not JSON");
    err.reset();
    assertThat(fork("99999")).isEqualTo(2);
    assertThat(err.toString()).contains("there is no event 99999");
    err.reset();
    assertThat(fork("5", "--continue", "later")).isEqualTo(2);
    assertThat(err.toString()).contains("--continue is none, live or replay");
    err.reset();
    // A fork to continue live with a model whose key is missing is refused before it is made
    // (the endpoint is a closed port, should a key be set where this runs).
    if (System.getenv("OPENAI_API_KEY") == null) {
      assertThat(
              fork(
                  "5",
                  "--continue",
                  "live",
                  "--model",
                  "openai:gpt-4o",
                  "--base-url",
                  "http://127.0.0.1:9"))
          .isEqualTo(2);
      assertThat(err.toString()).contains("OPENAI_API_KEY");
      err.reset();
    }
    assertThat(BenchwrightCli.run("compare", "--project", file.toString(), "--run", "1"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("Give --run twice");
    try (Project p = Project.openReadOnly(file)) {
      assertThat(p.runs().list()).hasSize(1);
    }
    assertThat(BenchwrightCli.run("fork", "--help")).isZero();
    assertThat(BenchwrightCli.run("compare", "--help")).isZero();
    assertThat(BenchwrightCli.run("replay", "--help")).isZero();
    assertThat(BenchwrightCli.run("replay", "--project", file.toString(), "--run", "9"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("No run 9");
  }
}
