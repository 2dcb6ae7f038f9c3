package org.benchwright.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.benchwright.engine.agent.AgentHarness.args;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.benchwright.engine.model.OpenAiStub;
import org.benchwright.engine.project.Capabilities;
import org.benchwright.engine.project.EventPayload.Capability;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.RunStatus;
import org.benchwright.testsupport.DockerRequired;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Capability synthesis end to end, in real sandboxes, with a stubbed model: a first run finds
 * nothing, synthesizes reverse_string test-first (a bad spec, vacuous tests and buggy code are each
 * refused on the way) and answers through it; a second run, asked in other words, finds and reuses
 * it. Then the bad inputs: code that hangs or floods its output, and a duplicate name.
 */
@ExtendWith(DockerRequired.class)
class CapabilitySynthesisIT {

  static final String SPEC =
      """
      {"name": "reverse_string",
       "description": "Reverse a string: return its characters in the opposite order.",
       "parameters": {"type": "object", "properties": {"text": {"type": "string"}},
                      "required": ["text"], "additionalProperties": false},
       "result": {"type": "string"},
       "examples": [{"arguments": {"text": "abc"}, "result": "cba"}]}
      """;

  static final String TESTS =
      """
      from capability import reverse_string

      def test_word():
          assert reverse_string(text="hello") == "olleh"

      def test_empty():
          assert reverse_string(text="") == ""
      """;

  static final String CODE = "def reverse_string(text):\n    return text[::-1]\n";

  @TempDir Path dir;

  static ConversationScript synthesis(ConversationScript s) {
    return s.role(
        "solver",
        s.call("find_capability", args("query", "reverse a string")),
        s.call(
            "define_capability",
            args(
                "spec",
                "{\"name\": \"reverse_string\", \"description\":"
                    + " \"x\", \"parameters\": {\"type\": \"strin\"}, \"result\": {}, \"examples\": []}")),
        s.call("define_capability", args("spec", SPEC)),
        s.call("write_capability_tests", args("tests", "def test_nothing():\n    assert True\n")),
        s.call("write_capability_tests", args("tests", TESTS)),
        s.call(
            "write_capability_code", args("code", "def reverse_string(text):\n    return text\n")),
        s.call("write_capability_code", args("code", CODE)),
        s.call(
            "call_capability", args("name", "reverse_string", "arguments", "{\"txt\": \"hello\"}")),
        s.call(
            "call_capability",
            args("name", "reverse_string", "arguments", "{\"text\": \"hello\"}")),
        s.call("answer", args("answer", "olleh", "capability", "reverse_string")));
  }

  @Test
  void aCapabilityIsSynthesizedTestFirstThenFoundAndReusedByAnotherRun() throws Exception {
    try (AgentHarness h = new AgentHarness(dir)) {
      ConversationScript first = synthesis(new ConversationScript());
      h.stub.respondWith(first::answer);
      RunHandle run1 =
          h.runtime.start("capability-synthesis", "Reverse the string 'hello'.", h.model());
      RunOutcome o1 = run1.outcome().get(5, TimeUnit.MINUTES);
      assertThat(o1.status()).as("%s", o1).isEqualTo(RunStatus.SUCCEEDED);

      List<Capability> steps = steps(h, run1.runId());
      assertThat(steps)
          .extracting(c -> c.step() + " " + c.ok())
          .containsExactly(
              "not_found false",
              "spec false",
              "spec true",
              "tests false",
              "tests true",
              "code false",
              "code true",
              "registered true",
              "call false",
              "call true",
              "answer true");
      assertThat(steps.get(1).detail()).contains("parameters:");
      assertThat(steps.get(3).detail()).contains("pass against an empty implementation");
      assertThat(steps.get(5).detail()).contains("tests fail against the code");
      assertThat(steps.get(8).detail()).contains("do not match").contains("text");

      Capabilities.Entry e = h.project.capabilities().get("reverse_string").orElseThrow();
      assertThat(e.latest().version()).isEqualTo(1);
      assertThat(e.latest().originRunId()).isEqualTo(run1.runId());
      assertThat(h.project.capabilities().testRuns("reverse_string"))
          .extracting(t -> t.phase() + " " + t.passed() + " " + t.total() + "/" + t.failed())
          .containsExactly("red false 2/2", "green true 2/0");

      ConversationScript second = new ConversationScript();
      second.role(
          "solver",
          second.call(
              "find_capability",
              args("query", "reverse a string: return its characters in the opposite order")),
          second.call(
              "call_capability",
              args("name", "reverse_string", "arguments", "{\"text\": \"stressed\"}")),
          second.call("answer", args("answer", "desserts", "capability", "reverse_string")));
      h.stub.respondWith(second::answer);
      RunHandle run2 =
          h.runtime.start(
              "capability-synthesis", "Flip the characters of 'stressed' backwards.", h.model());
      RunOutcome o2 = run2.outcome().get(5, TimeUnit.MINUTES);
      assertThat(o2.status()).as("%s", o2).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(steps(h, run2.runId()))
          .extracting(c -> c.step() + " " + c.ok())
          .containsExactly("search true", "call true", "answer true");
      Capability search = steps(h, run2.runId()).getFirst();
      assertThat(search.data().get("candidates").get(0).get("score").asDouble())
          .isGreaterThanOrEqualTo(0.75);

      Capabilities.Counters c =
          h.project.capabilities().get("reverse_string").orElseThrow().counters();
      assertThat(c.found()).isEqualTo(1);
      assertThat(c.called()).isEqualTo(2);
      assertThat(c.succeeded()).isEqualTo(2);
      assertThat(c.failed()).isZero();
      assertThat(h.project.capabilities().uses("reverse_string"))
          .extracting(Capabilities.Use::runId)
          .contains(run1.runId(), run2.runId());
      assertThat(h.project.integrityCheck()).isEqualTo("ok");
    }
  }

  @Test
  void codeThatHangsOrFloodsIsStoppedAndAfterTheFixesNothingIsRegistered() throws Exception {
    try (AgentHarness h = new AgentHarness(dir)) {
      h.project.settings().put("capabilities.test_seconds", "5");
      h.project.settings().put("capabilities.max_fixes", "1");
      // reverse_string exists: a new capability of that name is refused.
      ConversationScript first = synthesis(new ConversationScript());
      h.stub.respondWith(first::answer);
      h.runtime
          .start("capability-synthesis", "Reverse 'hello'.", h.model())
          .outcome()
          .get(5, TimeUnit.MINUTES);

      ConversationScript s = new ConversationScript();
      s.role(
          "solver",
          s.call("define_capability", args("spec", SPEC)),
          s.call("define_capability", args("spec", SPEC.replace("reverse_string", "reverse_text"))),
          s.call(
              "write_capability_tests",
              args("tests", TESTS.replace("reverse_string", "reverse_text"))),
          s.call(
              "write_capability_code",
              args("code", "import time\ndef reverse_text(text):\n    time.sleep(600)\n")),
          s.call(
              "write_capability_code",
              args(
                  "code",
                  "import sys\ndef reverse_text(text):\n    while True:\n"
                      + "        sys.stdout.write('x' * 65536)\n")));
      h.stub.respondWith(s::answer);
      RunHandle run = h.runtime.start("capability-synthesis", "Reverse 'abc'.", h.model());
      RunOutcome o = run.outcome().get(5, TimeUnit.MINUTES);
      assertThat(o.status()).as("%s", o).isEqualTo(RunStatus.FAILED);
      List<Capability> steps = steps(h, run.runId());
      assertThat(steps)
          .extracting(c -> c.step() + " " + c.ok())
          .containsExactly(
              "spec false",
              "spec true",
              "tests true",
              "code false",
              "code false",
              "abandoned false");
      assertThat(steps.get(0).detail()).contains("exists already");
      assertThat(steps.get(3).detail()).contains("time limit");
      // pytest holds what a test prints in memory: a flood ends as out of memory, or over the
      // output cap when it prints outside a test.
      assertThat(steps.get(4).detail())
          .containsAnyOf("printed more", "out of memory", "time limit");
      assertThat(h.project.capabilities().get("reverse_text")).isEmpty();
      assertThat(h.project.capabilities().list())
          .extracting(Capabilities.Entry::name)
          .containsExactly("reverse_string");
    }
  }

  @Test
  void aPromotedCapabilityIsAToolOfItsOwnInAnotherWorkflow() throws Exception {
    try (AgentHarness h = new AgentHarness(dir)) {
      ConversationScript first = synthesis(new ConversationScript());
      h.stub.respondWith(first::answer);
      h.runtime
          .start("capability-synthesis", "Reverse 'hello'.", h.model())
          .outcome()
          .get(5, TimeUnit.MINUTES);
      h.project.settings().put("workflow.word-count.capabilities", "[\"reverse_string\"]");

      List<com.fasterxml.jackson.databind.JsonNode> offered =
          new java.util.concurrent.CopyOnWriteArrayList<>();
      h.stub.respondWith(
          req -> {
            var messages = req.json().get("messages");
            long answered = 0;
            for (var m : messages) {
              if (m.path("role").asText().equals("assistant")) {
                answered++;
              }
            }
            boolean writer = messages.get(0).path("content").asText().startsWith("You write");
            if (writer) {
              offered.add(req.json().get("tools"));
            }
            if (writer && answered == 0) {
              return OpenAiStub.reply()
                  .toolCall("c1", "cap_reverse_string", "{\"text\": \"abc\"}")
                  .usage(10, 5);
            }
            return OpenAiStub.reply()
                .toolCall(
                    "c" + (answered + 2),
                    "submit",
                    writer
                        ? args("outcome", "written", "summary", "cba")
                        : args("outcome", "approved", "summary", "ok"))
                .usage(10, 5);
          });
      RunHandle run = h.runtime.start("word-count", "Write three words.", h.model());
      RunOutcome o = run.outcome().get(5, TimeUnit.MINUTES);
      assertThat(o.status()).as("%s", o).isEqualTo(RunStatus.SUCCEEDED);
      // The provider saw the tool with the capability's own parameter schema.
      var tool =
          java.util.stream.StreamSupport.stream(offered.getFirst().spliterator(), false)
              .filter(t -> t.path("function").path("name").asText().equals("cap_reverse_string"))
              .findFirst()
              .orElseThrow();
      assertThat(
              tool.path("function")
                  .path("parameters")
                  .path("properties")
                  .path("text")
                  .path("type")
                  .asText())
          .isEqualTo("string");
      assertThat(steps(h, run.runId()))
          .extracting(c -> c.step() + " " + c.ok() + " " + c.data().path("value").asText())
          .containsExactly("call true cba");
      assertThat(h.project.capabilities().get("reverse_string").orElseThrow().counters().called())
          .isEqualTo(2);

      // Quarantined: no longer offered.
      h.project.capabilities().setStatus("reverse_string", Capabilities.QUARANTINED, "test");
      offered.clear();
      h.runtime
          .start("word-count", "Write three words.", h.model())
          .outcome()
          .get(5, TimeUnit.MINUTES);
      assertThat(offered.getFirst().toString()).doesNotContain("cap_reverse_string");
    }
  }

  static List<Capability> steps(AgentHarness h, long runId) {
    return h.events(runId).stream()
        .filter(e -> e.type() == EventType.CAPABILITY)
        .map(e -> e.payload(Capability.class))
        .toList();
  }
}
