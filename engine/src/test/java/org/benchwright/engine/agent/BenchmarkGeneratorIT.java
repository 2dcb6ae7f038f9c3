package org.benchwright.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.benchwright.engine.agent.AgentHarness.args;
import static org.benchwright.engine.agent.AgentHarness.resource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.RecordedEvent;
import org.benchwright.engine.project.RunInfo;
import org.benchwright.engine.project.RunStatus;
import org.benchwright.testsupport.DockerRequired;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole benchmark generation: the real OpenAI client against a local stub, the real sandbox, the
 * real validator. The coder's first scene sinks the ball into the ramp; it reads the validation
 * error and fixes it. Then the same run replays offline to the same events.
 */
@ExtendWith(DockerRequired.class)
class BenchmarkGeneratorIT {

  static final String TASK = "A steel ball on a tilted ramp must end in a goal bin.";

  @TempDir Path dir;

  static ConversationScript script() {
    ConversationScript s = new ConversationScript();
    String todo =
        args(
            "plan",
            "A ramp tilted 12-18 degrees; the ball rolls off its low end into a bin.",
            "items",
            List.of(
                Map.of("text", "write generator.py", "status", "todo"),
                Map.of("text", "validate seed 1", "status", "todo")));
    s.role(
        "planner",
        s.call("update_todo", todo),
        s.call(
            "submit",
            args(
                "outcome", "planned",
                "summary", "Ramp and bin, randomized tilt, ball size and bin position.",
                "expected_solution", "A curved chute from the ramp's end into the bin.")));
    String seed1 = "python3 generator.py --seed 1 --out out/seed-1";
    s.role(
        "coder",
        s.call("write_file", args("path", "generator.py", "content", intersecting())),
        s.call("run_command", args("command", seed1)),
        s.call("validate_mjcf", args("path", "out/seed-1/scene.xml")),
        s.call("write_file", args("path", "generator.py", "content", resource("generator.py"))),
        s.call("run_command", args("command", seed1)),
        s.call("validate_mjcf", args("path", "out/seed-1/scene.xml")),
        s.call(
            "update_todo",
            args(
                "plan",
                "A ramp tilted 12-18 degrees; the ball rolls off its low end into a bin.",
                "items",
                List.of(
                    Map.of("text", "write generator.py", "status", "done"),
                    Map.of("text", "validate seed 1", "status", "done")))),
        s.call("submit", args("outcome", "done", "summary", "generator.py validates for seed 1.")));
    s.role(
        "reviewer",
        s.call(
            "run_command",
            args(
                "command",
                "python3 generator.py --seed 7 --out out/seed-7 && mjcf-check out/seed-7/scene.xml")),
        s.call("submit", args("outcome", "approved", "summary", "Seeds differ and validate.")));
    return s;
  }

  @Test
  void aBenchmarkIsGeneratedFixedAfterAValidationErrorAcceptedAndReplayed() throws Exception {
    try (AgentHarness h = new AgentHarness(dir)) {
      ConversationScript script = script();
      h.stub.respondWith(script::answer);

      java.io.PrintStream originalErr = System.err;
      java.io.ByteArrayOutputStream logs = new java.io.ByteArrayOutputStream();
      System.setErr(
          new java.io.PrintStream(
              new java.io.OutputStream() {
                @Override
                public void write(int b) {
                  originalErr.write(b);
                  logs.write(b);
                }
              },
              true));
      RunOutcome outcome;
      RunHandle run;
      try {
        run = h.runtime.start("benchmark-generator", TASK, h.model());
        outcome = run.outcome().get(5, TimeUnit.MINUTES);
        org.slf4j.LoggerFactory.getLogger(BenchmarkGeneratorIT.class).warn("log capture check");
      } finally {
        System.setErr(originalErr);
      }
      assertThat(logs.toString())
          .contains("log capture check")
          .doesNotContain(AgentHarness.PLANTED_KEY);
      List<RecordedEvent> events = h.events(run.runId());
      assertThat(outcome.status())
          .as("%s\n%s", outcome, tail(events))
          .isEqualTo(RunStatus.SUCCEEDED);

      // The coder saw MuJoCo's verdict on the sunk ball, then fixed it.
      List<String> validations =
          events.stream()
              .filter(
                  e ->
                      e.type() == EventType.TOOL_RESULT
                          && e.payloadJson().contains("validate_mjcf"))
              .map(RecordedEvent::payloadJson)
              .toList();
      assertThat(validations).hasSize(2);
      assertThat(validations.get(0))
          .contains("verdict: intersection")
          .contains("ramp")
          .contains("ball");
      assertThat(validations.get(1)).contains("verdict: ok");
      assertThat(h.stub.requests().stream().map(r -> r.body()))
          .anySatisfy(body -> assertThat(body).contains("verdict: intersection"));
      // The model is spared the pose track; the report beside the scene keeps it for playback.
      assertThat(validations).noneMatch(v -> v.contains("\\\"poses\\\""));
      byte[] report =
          h.project
              .files()
              .fileAt(
                  run.runId(),
                  "out/seed-1/scene.check.json",
                  h.project.events().lastSeq(run.runId()))
              .orElseThrow();
      assertThat(org.benchwright.engine.mjcf.PoseTrack.parse(report).frames()).isNotEmpty();

      // Acceptance: every sampled seed passed, and the benchmark is stored with its note.
      RecordedEvent verdict =
          events.stream()
              .filter(e -> e.type() == EventType.VALIDATION_VERDICT)
              .reduce((a, b) -> b)
              .orElseThrow();
      assertThat(verdict.payloadJson()).contains("\"passed\":true");
      var benchmarks = h.project.benchmarks().list();
      assertThat(benchmarks).hasSize(1);
      var detail = h.project.benchmarks().find(benchmarks.getFirst().id()).orElseThrow();
      assertThat(detail.variants()).hasSize(5).allMatch(v -> v.passed());
      assertThat(detail.expectedSolutionNote()).contains("curved chute");

      RunInfo info = h.project.runs().find(run.runId()).orElseThrow();
      assertThat(info.inputTokens()).isPositive();
      assertThat(h.project.plans().latest(run.runId()).orElseThrow().items())
          .allMatch(i -> i.status().equals("done"));
      assertThat(h.stub.requests().getFirst().header("Authorization"))
          .contains(AgentHarness.PLANTED_KEY);

      // Offline replay of the same run: the same events, in the same order.
      int callsBefore = h.stub.callCount();
      RunHandle replay = h.runtime.replay(run.runId());
      RunOutcome replayed = replay.outcome().get(5, TimeUnit.MINUTES);
      assertThat(replayed.status()).as("%s", replayed).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(h.stub.callCount()).as("replay made no model calls").isEqualTo(callsBefore);
      assertSameEvents(normalized(h.events(replay.runId())), normalized(events));

      h.close();
      assertThat(
              new String(
                  Files.readAllBytes(dir.resolve("agent.bwproj")),
                  java.nio.charset.StandardCharsets.ISO_8859_1))
          .doesNotContain(AgentHarness.PLANTED_KEY);
    }
  }

  /** The same generator with the ball sunk 3 cm into the ramp: the coder's first attempt. */
  static String intersecting() {
    String fixed = resource("generator.py");
    String sunk =
        fixed.replace("start_z = surface + radius + 0.01", "start_z = surface + radius - 0.03");
    if (sunk.equals(fixed)) {
      throw new IllegalStateException("generator.py changed: update intersecting()");
    }
    return sunk;
  }

  /** Events without what legitimately differs between two runs: times, durations, costs, ids. */
  static List<String> normalized(List<RecordedEvent> events) {
    return events.stream()
        .filter(e -> e.type() != EventType.RUN_STARTED)
        .map(
            e ->
                e.type()
                    + " "
                    + e.node()
                    + " "
                    + e.payloadJson()
                        .replaceAll(
                            "\"(latency_ms|duration_ms|cost_usd|attempts|started_at)\":[0-9.]+", "")
                        .replaceAll("\\d+ ms", "")
                        .replaceAll("stored as benchmark \\d+", "stored as benchmark N")
                        .replaceAll("\"retries\":\\[[^]]*]", ""))
        .toList();
  }

  /** Fails at the first differing event, showing only that one. */
  static void assertSameEvents(List<String> actual, List<String> expected) {
    for (int i = 0; i < Math.min(actual.size(), expected.size()); i++) {
      assertThat(actual.get(i))
          .as("event %d of %d", i + 1, expected.size())
          .isEqualTo(expected.get(i));
    }
    assertThat(actual.size()).as("number of events").isEqualTo(expected.size());
  }

  static String tail(List<RecordedEvent> events) {
    StringBuilder sb = new StringBuilder();
    events.stream()
        .skip(Math.max(0, events.size() - 12))
        .forEach(
            e ->
                sb.append(e.seq())
                    .append(' ')
                    .append(e.type())
                    .append(' ')
                    .append(e.payloadJson(), 0, Math.min(300, e.payloadJson().length()))
                    .append('\n'));
    return sb.toString();
  }
}
