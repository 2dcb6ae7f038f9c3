package org.benchwright.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.benchwright.engine.agent.CliRunChild;
import org.benchwright.engine.model.OpenAiStub;
import org.benchwright.engine.project.PlanRevision;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.TodoItem;
import org.benchwright.testsupport.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gates through the service: listed, read, approved, rejected with a comment, edited then approved;
 * every refusal is problem+json and leaves the project as it was. The planner is scripted and the
 * coder gives up, so no sandbox is needed.
 */
class GateOperationsIT {

  @TempDir Path dir;

  /** What a refused request must not change: every event and every gate row. */
  private record Recorded(long events, String gates) {
    static Recorded of(ApiFixture api) {
      return new Recorded(
          api.project.summary().events(),
          api.project.approvals().pending().toString()
              + api.project.runs().list().stream().map(r -> r.id() + ":" + r.status()).toList());
    }
  }

  @Test
  void aPendingPlanGateIsListedReadAndApprovedOnce() {
    try (ApiFixture api = ApiFixture.start(dir)) {
      assertThat(api.get("/gates").json().get("gates")).isEmpty();
      long run = ApiServerIT.runAtGate(api);

      JsonNode gates = api.get("/gates").json().get("gates");
      assertThat(gates).hasSize(1);
      JsonNode gate = gates.get(0);
      assertThat(gate.get("run").asLong()).isEqualTo(run);
      assertThat(gate.get("kind").asText()).isEqualTo("plan");
      assertThat(gate.get("subject").get("plan").asText()).isNotBlank();
      assertThat(api.get("/gates?run=" + run).json().get("gates")).hasSize(1);
      assertThat(api.get("/runs/" + run + "/gate").json()).isEqualTo(gate);

      var approved =
          api.post(
              "/runs/" + run + "/gate",
              Map.of("decision", "approve", "by", "alice", "gate", gate.get("id").asLong()));
      assertThat(approved.status()).as(approved.body()).isEqualTo(200);
      assertThat(approved.json().get("recorded").asBoolean()).isTrue();
      assertThat(approved.json().get("by").asText()).isEqualTo("alice");
      long decidedSeq = approved.json().get("seq").asLong();
      JsonNode decided =
          api.get("/runs/" + run + "/events?after=" + (decidedSeq - 1) + "&limit=1")
              .json()
              .get("events")
              .get(0);
      assertThat(decided.get("type").asText()).isEqualTo("GATE_DECIDED");
      assertThat(decided.get("payload").get("decision").asText()).isEqualTo("approved");
      assertThat(decided.get("payload").get("decided_by").asText()).isEqualTo("alice");

      var none = api.get("/runs/" + run + "/gate");
      assertThat(none.status()).isEqualTo(404);
      assertThat(none.json().get("detail").asText())
          .startsWith("Run " + run + " has no gate waiting for a decision");

      // The same decision again: the gate it names is decided, and nothing more is recorded.
      Poll.until(
          ApiServerIT.WAIT,
          () -> !api.get("/runs/" + run).json().get("status").asText().equals("RUNNING"));
      Recorded before = Recorded.of(api);
      var again =
          api.post(
              "/runs/" + run + "/gate",
              Map.of("decision", "approve", "by", "alice", "gate", gate.get("id").asLong()));
      assertThat(again.status()).isEqualTo(409);
      assertThat(again.json().get("detail").asText())
          .contains("Gate " + gate.get("id").asLong() + " of run " + run)
          .contains("was already decided (approved)");
      var noGate = api.post("/runs/" + run + "/gate", Map.of("decision", "approve", "by", "bob"));
      assertThat(noGate.status()).isEqualTo(409);
      assertThat(noGate.json().get("detail").asText())
          .startsWith("Run " + run + " has no gate waiting for a decision");
      assertThat(Recorded.of(api)).isEqualTo(before);
    }
  }

  @Test
  void badDecisionsAreRefusedWithAReasonAndChangeNothing() {
    try (ApiFixture api = ApiFixture.start(dir)) {
      long run = ApiServerIT.runAtGate(api);
      long gate = api.get("/runs/" + run + "/gate").json().get("id").asLong();
      String at = "/runs/" + run + "/gate";
      String token = api.token.value();
      Recorded before = Recorded.of(api);

      assertThat(api.send("POST", at, null, null, token).status()).isEqualTo(400);
      assertThat(api.send("POST", at, "{\"decision\":", "application/json", token).status())
          .isEqualTo(400);
      assertThat(api.send("POST", at, "decision=approve", "text/plain", token).status())
          .isEqualTo(415);
      assertThat(api.send("POST", at, "{}", "application/json", null).status()).isEqualTo(401);
      var unknownDecision = api.post(at, Map.of("decision", "maybe", "by", "a"));
      assertThat(unknownDecision.status()).isEqualTo(400);
      assertThat(unknownDecision.json().get("errors").toString())
          .contains("\\\"approve\\\", \\\"reject\\\", \\\"edit\\\"");
      var extra = api.post(at, Map.of("decision", "approve", "by", "a", "colour", "blue"));
      assertThat(extra.status()).isEqualTo(400);
      assertThat(extra.json().get("errors").toString()).contains("colour");
      assertThat(api.post(at, Map.of("decision", "approve")).status()).isEqualTo(400);
      var badStatus =
          api.post(
              at,
              Map.of(
                  "decision",
                  "edit",
                  "by",
                  "a",
                  "todo",
                  List.of(Map.of("text", "x", "status", "sleeping"))));
      assertThat(badStatus.status()).isEqualTo(400);

      assertThat(refusal(api, at, Map.of("decision", "reject", "by", "a"), 422))
          .isEqualTo("A rejection needs a comment for the agent: say what to change.");
      assertThat(refusal(api, at, Map.of("decision", "reject", "by", "a", "comment", "  "), 422))
          .startsWith("A rejection needs a comment");
      assertThat(refusal(api, at, Map.of("decision", "approve", "by", "a", "comment", "fine"), 422))
          .startsWith("An approval carries no comment");
      assertThat(refusal(api, at, Map.of("decision", "approve", "by", "a", "plan", "p"), 422))
          .contains("send them with decision \"edit\"");
      assertThat(refusal(api, at, Map.of("decision", "edit", "by", "a"), 422))
          .isEqualTo("An edit needs the new plan text, the new TODO list, or both.");
      assertThat(
              refusal(
                  api,
                  at,
                  Map.of(
                      "decision",
                      "edit",
                      "by",
                      "a",
                      "todo",
                      List.of(Map.of("text", "ramp", "status", "refused"))),
                  422))
          .isEqualTo("TODO item 1: A refused TODO item needs a proof.");
      assertThat(
              refusal(api, at, Map.of("decision", "approve", "by", "a", "gate", gate + 1000), 409))
          .isEqualTo(
              "Gate "
                  + (gate + 1000)
                  + " is not a gate of run "
                  + run
                  + "; gate "
                  + gate
                  + " is waiting now.");
      var unknownRun = api.post("/runs/999/gate", Map.of("decision", "approve", "by", "a"));
      assertThat(unknownRun.status()).isEqualTo(404);
      assertThat(unknownRun.json().get("detail").asText()).isEqualTo("No run 999 in this project.");
      assertThat(api.get("/gates?run=999").status()).isEqualTo(404);
      assertThat(api.get("/gates?run=abc").status()).isEqualTo(400);
      assertThat(api.get("/runs/999/gate").status()).isEqualTo(404);

      assertThat(Recorded.of(api)).isEqualTo(before);
      assertThat(api.get("/runs/" + run + "/gate").json().get("id").asLong()).isEqualTo(gate);
    }
  }

  @Test
  void aRejectionReachesThePlannerAndAStaleDecisionNamesTheGateThenAnEditIsApproved() {
    try (ApiFixture api = ApiFixture.start(dir)) {
      long run = ApiServerIT.runAtGate(api);
      String at = "/runs/" + run + "/gate";
      long first = api.get(at).json().get("id").asLong();

      var rejected =
          api.post(
              at,
              Map.of(
                  "decision",
                  "reject",
                  "by",
                  "carol",
                  "comment",
                  "Name the ramp's angle.",
                  "gate",
                  first));
      assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
      assertThat(rejected.json().get("decision").asText()).isEqualTo("reject");

      // The planner revises its plan and asks again at a new gate.
      Poll.until(
          ApiServerIT.WAIT,
          () -> {
            var g = api.get(at);
            return g.status() == 200 && g.json().get("id").asLong() != first;
          });
      long second = api.get(at).json().get("id").asLong();
      assertThat(api.project.plans().latest(run).orElseThrow().revision()).isEqualTo(2);

      Recorded before = Recorded.of(api);
      assertThat(refusal(api, at, Map.of("decision", "approve", "by", "carol", "gate", first), 409))
          .isEqualTo(
              "Gate "
                  + first
                  + " of run "
                  + run
                  + " was already decided (rejected: \"Name the ramp's angle.\"); gate "
                  + second
                  + " is waiting now.");
      assertThat(Recorded.of(api)).isEqualTo(before);

      var edited =
          api.post(
              at,
              Map.of(
                  "decision",
                  "edit",
                  "by",
                  "carol",
                  "gate",
                  second,
                  "plan",
                  "A 20 degree ramp.",
                  "todo",
                  List.of(
                      Map.of("text", "write the ramp", "status", "todo"),
                      Map.of("text", "a spiral", "status", "refused", "proof", "out of scope"))));
      assertThat(edited.status()).as(edited.body()).isEqualTo(200);
      assertThat(edited.json().get("recorded").asBoolean()).isTrue();
      PlanRevision plan = api.project.plans().latest(run).orElseThrow();
      assertThat(plan.revision()).isEqualTo(3);
      assertThat(plan.planText()).isEqualTo("A 20 degree ramp.");
      assertThat(plan.items())
          .containsExactly(
              new TodoItem("write the ramp", "todo", null),
              new TodoItem("a spiral", "refused", "out of scope"));
      JsonNode decided =
          api.get("/runs/" + run + "/events?after=" + (edited.json().get("seq").asLong() - 1))
              .json()
              .get("events")
              .get(0)
              .get("payload");
      assertThat(decided.get("decision").asText()).isEqualTo("edited");
      assertThat(decided.get("change").get("plan").asText()).isEqualTo("A 20 degree ramp.");
    }
  }

  /**
   * The run waits at its gate in a `benchwright run` that is then killed; the service started
   * afterwards decides it as the workbench would: the engine resumes the run from its log with the
   * decision, and the run goes on, driven by the service.
   */
  @Test
  void aGateLeftByAKilledProcessIsDecidedAndTheRunGoesOnInTheService() throws Exception {
    Path file = dir.resolve(ApiFixture.FILE);
    try (Project p = Project.create(file)) {
      p.settings().put("workflow.benchmark-generator.planner.plan_approval", "\"ask\"");
    }
    // The run keeps the model's address: the same stub answers it after the restart.
    try (OpenAiStub model = OpenAiStub.start()) {
      model.respondWith(ApiServerIT.planThenGiveUp()::answer);
      CliRunChild.runAndKill(
          file, "ramp task", model, "the plan gate", line -> line.contains("GATE_OPENED"));
      try (ApiFixture api = ApiFixture.start(dir)) {
        long run = api.project.runs().list().getFirst().id();
        JsonNode before = api.get("/runs/" + run).json();
        assertThat(before.get("status").asText()).isEqualTo("WAITING_FOR_APPROVAL");
        assertThat(before.get("live").asBoolean()).isFalse();
        long gate = api.get("/runs/" + run + "/gate").json().get("id").asLong();
        long recorded = api.project.events().lastSeq(run);
        var old = api.get("/runs/" + run + "/events?limit=5000").json().get("events");

        var rejected =
            api.post(
                "/runs/" + run + "/gate",
                Map.of("decision", "reject", "by", "dave", "comment", "Steeper.", "gate", gate));
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
        assertThat(rejected.json().get("seq").asLong()).isGreaterThan(recorded);
        assertThat(api.get("/runs/" + run).json().get("live").asBoolean()).isTrue();
        Poll.until(
            ApiServerIT.WAIT,
            () -> {
              var g = api.get("/runs/" + run + "/gate");
              return g.status() == 200 && g.json().get("id").asLong() != gate;
            });
        assertThat(
                api.post("/runs/" + run + "/gate", Map.of("decision", "approve", "by", "dave"))
                    .status())
            .isEqualTo(200);
        Poll.until(ApiServerIT.WAIT, () -> !api.get("/runs/" + run).json().get("live").asBoolean());
        // What the killed process recorded is kept as it was.
        var all = api.get("/runs/" + run + "/events?limit=5000").json().get("events");
        for (int i = 0; i < old.size(); i++) {
          assertThat(all.get(i)).isEqualTo(old.get(i));
        }
        assertThat(all.findValuesAsText("type").stream().filter("GATE_DECIDED"::equals)).hasSize(2);
      }
    }
  }

  /** Sends a decision that must be refused with {@code status}; returns the problem's detail. */
  private static String refusal(ApiFixture api, String at, Map<String, Object> body, int status) {
    var r = api.post(at, body);
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.contentType()).startsWith(ApiServer.PROBLEM);
    return r.json().get("detail").asText();
  }
}
