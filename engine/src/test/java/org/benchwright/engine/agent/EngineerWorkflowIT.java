package org.benchwright.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.benchwright.engine.agent.AgentHarness.args;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.benchwright.engine.model.OpenAiStub;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.RecordedEvent;
import org.benchwright.engine.project.RunStatus;
import org.benchwright.testsupport.DockerRequired;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engineer workflow over the real OpenAI client (local stub), the real sandbox (OpenSCAD,
 * MuJoCo) and a stored benchmark: a dropped ball that only a placed ramp guides into the goal.
 */
@ExtendWith(DockerRequired.class)
public class EngineerWorkflowIT {

  @TempDir Path dir;

  private static final String PLAN_RAMP =
      "A PLA plate under the drop point, tilted 20 degrees so its low end points at the goal.";

  private static String todo(String plan, String status) {
    return args(
        "plan",
        plan,
        "items",
        List.of(
            Map.of("text", "model the plate in OpenSCAD and export STL", "status", status),
            Map.of("text", "place it in the build zone and simulate", "status", status)));
  }

  /**
   * The full solve of {@link DropBenchmark}: a planned plate, a price check that fails then passes,
   * a placement outside the build zone then a passing one, a preview and the critic's approval.
   * Public so the desktop's demo generator records the same conversation (ADR 0022).
   */
  public static ConversationScript rampSolve() {
    ConversationScript s = new ConversationScript();
    s.role(
        "planner",
        s.call("read_file", args("path", "benchmark/benchmark.json")),
        s.call("update_todo", todo(PLAN_RAMP, "todo")),
        s.call("submit", args("outcome", "planned", "summary", "One tilted plate.")));
    String export = "openscad --export-format binstl -o solution/ramp.stl solution/ramp.scad";
    String price = args("parts", List.of(Map.of("path", "solution/ramp.stl", "material", "pla")));
    s.role(
        "engineer",
        // A 20 mm plate: far over the cost and weight caps.
        s.call(
            "write_file",
            args("path", "solution/ramp.scad", "content", DropBenchmark.rampScad(400, 160, 20))),
        s.call("run_command", args("command", export)),
        s.call("validate_and_price", price),
        // A 3 mm plate, 300 mm long: printed in PLA it fits the caps.
        s.call(
            "write_file",
            args("path", "solution/ramp.scad", "content", DropBenchmark.rampScad(300, 100, 3))),
        s.call("run_command", args("command", export)),
        s.call("validate_and_price", price),
        // First placement: the plate's low end pokes out of the build zone.
        s.call(
            "write_file",
            args("path", "solution/assembly.xml", "content", DropBenchmark.assembly(0.5, 20))),
        s.call("simulate", "{}"),
        s.call(
            "edit_file",
            args(
                "path",
                "solution/assembly.xml",
                "old_text",
                "pos=\"0.5 ",
                "new_text",
                "pos=\"0.1 ")),
        s.call("simulate", "{}"),
        s.call("preview", args("path", "solution/assembly.xml")),
        s.call("update_todo", todo(PLAN_RAMP, "done")),
        s.call("submit", args("outcome", "done", "summary", "PLA plate at x=0.1, 20 degrees.")));
    s.role(
        "critic",
        s.call("list_evidence", "{}"),
        s.call(
            "submit", args("outcome", "approved", "summary", "Every variant reaches the goal.")));
    return s;
  }

  @Test
  void aBenchmarkIsSolvedWithARealPartAfterAPlacementErrorAndPassesEveryVariant() throws Exception {
    try (AgentHarness h = new AgentHarness(dir)) {
      long benchmark = DropBenchmark.store(h.project);
      h.project.settings().put("workflow.engineer.planner.plan_approval", "\"auto\"");
      h.stub.respondWith(rampSolve()::answer);

      RunHandle run =
          h.runtime.start("engineer", "Solve benchmark " + benchmark + " seed 1.", h.model());
      RunOutcome outcome = run.outcome().get(5, TimeUnit.MINUTES);
      List<RecordedEvent> events = h.events(run.runId());
      assertThat(outcome.status())
          .as("%s\n%s", outcome, BenchmarkGeneratorIT.tail(events))
          .isEqualTo(RunStatus.SUCCEEDED);

      List<String> verdicts = payloads(events, EventType.VALIDATION_VERDICT);
      assertThat(verdicts).hasSize(7);
      assertThat(verdicts.get(0)).contains("load-benchmark").contains("\"passed\":true");
      // Pricing: the thick plate is over both caps, the thin one passes when printed.
      assertThat(verdicts.get(1))
          .contains("validate_and_price")
          .contains("\"passed\":false")
          .contains("unit cost is over the cap")
          .contains("weight is over the cap");
      assertThat(verdicts.get(2))
          .contains("\"passed\":true")
          .contains("counted: printing")
          .contains("\"process\":\"printing\"");
      // Simulation: the misplaced plate is named, the moved one passes every variant.
      assertThat(verdicts.get(3))
          .contains("\"passed\":false")
          .contains("ramp_geom")
          .contains("outside the build zone");
      assertThat(verdicts.get(4)).contains("\"passed\":true").contains("5 of 5 variants");
      // Acceptance: the engine's own simulation, then the check's verdict.
      assertThat(verdicts.get(5)).contains("\"passed\":true").contains("5 of 5 variants");
      assertThat(verdicts.get(6)).contains("solution-acceptance").contains("\"passed\":true");
      assertThat(h.stub.requests().stream().map(OpenAiStub.Received::body))
          .anySatisfy(b -> assertThat(b).contains("outside the build zone"));

      // A real binary STL from OpenSCAD, a rendered preview, the composed scene as a run file.
      byte[] stl =
          h.project.files().fileAt(run.runId(), "solution/ramp.stl", Long.MAX_VALUE).orElseThrow();
      assertThat(new String(stl, 0, 5, StandardCharsets.ISO_8859_1)).isNotEqualTo("solid");
      assertThat(stl.length).isEqualTo(84 + 12 * 50); // a box: 12 triangles
      byte[] png =
          h.project
              .files()
              .fileAt(run.runId(), "previews/assembly.png", Long.MAX_VALUE)
              .orElseThrow();
      assertThat(new String(png, 1, 3, StandardCharsets.ISO_8859_1)).isEqualTo("PNG");
      assertThat(
              h.project.files().fileAt(run.runId(), "benchmark/with-solution.xml", Long.MAX_VALUE))
          .hasValueSatisfying(
              x -> assertThat(new String(x, StandardCharsets.UTF_8)).contains("ramp_mesh"));
      assertThat(h.project.plans().latest(run.runId()).orElseThrow().items())
          .allMatch(i -> i.status().equals("done"));
      assertThat(events.getLast().type()).isEqualTo(EventType.OUTCOME);
      assertThat(events.getLast().payloadJson()).contains("passed").contains("5 of 5 variants");

      // Offline replay: the same jittered starts, the same verdicts, the same events.
      int calls = h.stub.callCount();
      RunOutcome replayed = h.runtime.replay(run.runId()).outcome().get(5, TimeUnit.MINUTES);
      assertThat(replayed.status()).as("%s", replayed).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(h.stub.callCount()).isEqualTo(calls);
      BenchmarkGeneratorIT.assertSameEvents(
          BenchmarkGeneratorIT.normalized(h.events(replayed.runId())),
          BenchmarkGeneratorIT.normalized(events));
    }
  }

  @Test
  void aRefusalNeedsEvidenceARejectedOneGoesBackToTheEngineerAConfirmedOneToThePlanner()
      throws Exception {
    try (AgentHarness h = new AgentHarness(dir)) {
      long benchmark = DropBenchmark.store(h.project);
      h.project.settings().put("workflow.engineer.planner.plan_approval", "\"auto\"");
      String refusal =
          "The plan tilts the plate toward -x. Simulated as planned, the ball rolls off the low"
              + " end straight into the pit in every variant; the plan cannot reach the goal.";
      ConversationScript s = new ConversationScript();
      s.role(
          "planner",
          s.call("update_todo", todo("A plate tilted 20 degrees toward -x.", "todo")),
          s.call("submit", args("outcome", "planned", "summary", "Tilt toward -x.")));
      s.whenOpening(
          "planner",
          "From critic",
          s.call(
              "submit",
              args(
                  "outcome", "infeasible", "summary", "Tilting toward -x cannot work; stopping.")));
      s.role(
          "engineer",
          s.call(
              "write_file",
              args(
                  "path", "solution/assembly.xml", "content", DropBenchmark.boxAssembly(0.0, -20))),
          s.call("simulate", args("variants", 2, "seconds", 3)),
          s.call("refuse_plan", args("document", refusal, "evidence", List.of())));
      // The critic sends the first refusal back (the plan revision its opening shows is the one
      // the refusal wrote), then confirms the second.
      s.whenOpening(
          "critic",
          "Plan (revision 2)",
          s.call(
              "submit",
              args(
                  "outcome",
                  "refusal_rejected",
                  "summary",
                  "Two variants of three seconds prove little: simulate the plan again.")));
      s.whenOpening(
          "critic",
          "Plan (revision 3)",
          s.call("list_evidence", "{}"),
          s.call(
              "submit",
              args(
                  "outcome",
                  "refusal_confirmed",
                  "summary",
                  "Confirmed: the ball ends in the pit. Plan a tilt toward +x.")));
      // The fourth engineer turn cites the evidence event its simulation reported.
      Pattern evidence = Pattern.compile("evidence event #(\\d+)");
      h.stub.respondWith(
          req -> {
            if (roleOf(req).equals("engineer") && assistantTurns(req) == 3) {
              Matcher m = evidence.matcher(req.body());
              assertThat(m.find()).as("the simulation reported its evidence event").isTrue();
              return s.call(
                  "refuse_plan",
                  args("document", refusal, "evidence", List.of(Long.parseLong(m.group(1)))));
            }
            return s.answer(req);
          });

      RunHandle run = h.runtime.start("engineer", "Solve benchmark " + benchmark + ".", h.model());
      RunOutcome outcome = run.outcome().get(5, TimeUnit.MINUTES);
      List<RecordedEvent> events = h.events(run.runId());
      assertThat(outcome.status())
          .as("%s\n%s", outcome, BenchmarkGeneratorIT.tail(events))
          .isEqualTo(RunStatus.FAILED);
      assertThat(outcome.reason()).contains("infeasible").contains("cannot work");

      List<String> refusals =
          payloads(events, EventType.TOOL_RESULT).stream()
              .filter(p -> p.contains("\"name\":\"refuse_plan\""))
              .toList();
      assertThat(refusals).hasSize(4); // per engineer visit: one without evidence, one with
      assertThat(refusals.get(0)).contains("\"error\":true").contains("A refusal needs evidence");
      assertThat(refusals.get(1)).contains("\"error\":false").contains("forbid_contact");
      assertThat(refusals.get(3)).contains("\"error\":false").contains("forbid_contact");
      assertThat(payloads(events, EventType.NODE_TRANSITION))
          .anySatisfy(
              t -> assertThat(t).contains("\"to\":\"critic\"").contains("\"outcome\":\"refused\""))
          .anySatisfy(
              t ->
                  assertThat(t)
                      .contains("\"to\":\"engineer\"")
                      .contains("\"outcome\":\"refusal_rejected\""))
          .anySatisfy(
              t ->
                  assertThat(t)
                      .contains("\"to\":\"planner\"")
                      .contains("\"outcome\":\"refusal_confirmed\""));
      assertThat(
              events.stream()
                  .filter(e -> e.type() == EventType.USER_MESSAGE && "engineer".equals(e.node()))
                  .map(RecordedEvent::payloadJson))
          .anySatisfy(p -> assertThat(p).contains("simulate the plan again"));
      // Reviewing a refusal, the critic could only confirm or reject it.
      assertThat(h.stub.requests())
          .filteredOn(r -> roleOf(r).equals("critic"))
          .isNotEmpty()
          .allSatisfy(
              r ->
                  assertThat(r.body())
                      .containsPattern(
                          "\"enum\"\\s*:\\s*\\[\\s*\"refusal_confirmed\"\\s*,\\s*\"refusal_rejected\"\\s*]"));
      // The critic read the refusal with its evidence; the open TODO items carry the proof.
      assertThat(
              events.stream()
                  .filter(e -> e.type() == EventType.USER_MESSAGE && "critic".equals(e.node()))
                  .map(RecordedEvent::payloadJson))
          .anySatisfy(p -> assertThat(p).contains("REFUSAL").contains("pit"));
      assertThat(h.project.plans().latest(run.runId()).orElseThrow().items())
          .allSatisfy(
              i -> {
                assertThat(i.status()).isEqualTo("refused");
                assertThat(i.proof()).contains("evidence #");
              });
    }
  }

  static List<String> payloads(List<RecordedEvent> events, EventType type) {
    return events.stream().filter(e -> e.type() == type).map(RecordedEvent::payloadJson).toList();
  }

  static String roleOf(OpenAiStub.Received req) {
    String system = req.json().get("messages").get(0).path("content").asText();
    return system.replaceFirst("(?s)^You are the (\\w+).*", "$1");
  }

  static int assistantTurns(OpenAiStub.Received req) {
    int n = 0;
    for (var m : req.json().get("messages")) {
      if (m.path("role").asText().equals("assistant")) {
        n++;
      }
    }
    return n;
  }
}
