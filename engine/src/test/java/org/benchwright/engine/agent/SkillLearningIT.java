package org.benchwright.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.benchwright.engine.agent.AgentHarness.args;
import static org.benchwright.engine.agent.AgentHarness.resource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.benchwright.engine.model.OpenAiStub;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RecordedEvent;
import org.benchwright.engine.project.RunStatus;
import org.benchwright.engine.project.Skills.SkillVersion;
import org.benchwright.engine.skills.SkillDraft;
import org.benchwright.engine.skills.SkillLibrary;
import org.benchwright.testsupport.DockerRequired;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that hit the same MuJoCo verdict again and again before it succeeded writes a skill, and a
 * later run finds it by describing the problem in other words. Real sandbox, real embeddings,
 * scripted model over HTTP.
 */
@ExtendWith(DockerRequired.class)
class SkillLearningIT {

  static final String TITLE = "Start the ball clear of the ramp surface";
  static final String SKILL =
      """
      ## When to use
      validate_mjcf reports `verdict: intersection` between the ball and the ramp before the
      simulation starts.

      ## Steps
      1. Compute the ramp's top surface height at the ball's start.
      2. Start the ball one radius plus 1 cm above it.

      ## Snippets
      ```python
      start_z = surface + radius + 0.01
      ```
      """;

  /** Shares almost no words with the skill's title. */
  static final String PARAPHRASE = "sphere spawns overlapping the slope at the beginning";

  @TempDir Path dir;

  /** The coder sinks the ball into the ramp {@code failures} times, then gets it right. */
  static ConversationScript script(int failures) {
    ConversationScript s = new ConversationScript();
    s.planner();
    List<OpenAiStub.Reply> coder = new ArrayList<>();
    String seed1 = "python3 generator.py --seed 1 --out out/seed-1";
    for (int i = 1; i <= failures; i++) {
      coder.add(s.call("write_file", args("path", "generator.py", "content", sunk(i))));
      coder.add(s.call("run_command", args("command", seed1)));
      coder.add(s.call("validate_mjcf", args("path", "out/seed-1/scene.xml")));
    }
    coder.add(
        s.call("write_file", args("path", "generator.py", "content", resource("generator.py"))));
    coder.add(s.call("run_command", args("command", seed1)));
    coder.add(s.call("validate_mjcf", args("path", "out/seed-1/scene.xml")));
    coder.add(s.call("submit", args("outcome", "done", "summary", "Seed 1 validates.")));
    s.role("coder", coder.toArray(OpenAiStub.Reply[]::new));
    s.role("reviewer", s.call("submit", args("outcome", "approved", "summary", "Looks right.")));
    s.role(
        "skill",
        s.call("search_skills", args("query", "ball intersects the ramp at the start")),
        s.call("write_skill", args("markdown", SKILL)),
        s.call("write_skill", args("title", TITLE, "markdown", "   ")),
        s.call(
            "write_skill",
            args(
                "title",
                TITLE,
                "markdown",
                SKILL,
                "assets",
                List.of(
                    Map.of("name", "placement.py", "content", "start_z = surface + r + 0.01")))),
        s.call("submit", args("outcome", "written", "summary", "Wrote the ramp clearance skill.")));
    return s;
  }

  /** The known-good generator with the ball sunk {@code cm}+1 centimetres into the ramp. */
  static String sunk(int cm) {
    String fixed = resource("generator.py");
    String sunk =
        fixed.replace(
            "start_z = surface + radius + 0.01", "start_z = surface + radius - 0.0" + (cm + 1));
    assertThat(sunk).isNotEqualTo(fixed);
    return sunk;
  }

  @Test
  void fourFailuresOfOneKindTeachASkillThatALaterRunFindsByAParaphrase() throws Exception {
    try (AgentHarness h = new AgentHarness(dir)) {
      h.project.settings().put("benchmark.seeds", "1");
      h.stub.respondWith(script(4)::answer);

      RunHandle run = h.runtime.start("benchmark-generator", "A ball rolls into a bin.", h.model());
      RunOutcome outcome = run.outcome().get(8, TimeUnit.MINUTES);
      List<RecordedEvent> events = h.events(run.runId());
      assertThat(outcome.status())
          .as("%s\n%s", outcome, BenchmarkGeneratorIT.tail(events))
          .isEqualTo(RunStatus.SUCCEEDED);

      // The engine opened the skill-writer episode with the four failures in its message.
      RecordedEvent lesson =
          events.stream()
              .filter(e -> e.type() == EventType.USER_MESSAGE && "skill-writer".equals(e.node()))
              .findFirst()
              .orElseThrow();
      assertThat(lesson.payloadJson())
          .contains("happened 4 times")
          .contains("validate_mjcf: intersection")
          .contains("write_file");

      // Bad drafts were refused with the reason; the good one was saved once.
      List<String> errors =
          events.stream()
              .filter(
                  e ->
                      e.type() == EventType.TOOL_RESULT
                          && e.payloadJson().contains("write_skill")
                          && e.payloadJson().contains("\"error\":true"))
              .map(RecordedEvent::payloadJson)
              .toList();
      assertThat(errors).hasSize(2);
      assertThat(errors.get(0)).contains("Missing required argument 'title'");
      assertThat(errors.get(1)).contains("markdown is empty").contains("Nothing was saved");

      SkillLibrary library = SkillLibrary.of(h.project);
      List<SkillVersion> history = library.history(SkillLibrary.slug(TITLE));
      assertThat(history).hasSize(1);
      SkillVersion v1 = history.getFirst();
      assertThat(v1.version()).isEqualTo(1);
      assertThat(v1.title()).isEqualTo(TITLE);
      assertThat(v1.originRunId()).isEqualTo(run.runId());
      assertThat(v1.embedding()).hasSize(384);
      assertThat(new String(library.asset(v1, "placement.py").orElseThrow())).contains("0.01");
      // The run's outcome is still what acceptance said, not the skill-writer's summary.
      String report =
          AgentHarness.JSON
              .readTree(
                  events.stream()
                      .filter(e -> e.type() == EventType.VALIDATION_VERDICT)
                      .reduce((a, b) -> b)
                      .orElseThrow()
                      .payloadJson())
              .get("report")
              .asText();
      assertThat(outcome.reason()).isEqualTo(report);
      assertThat(events.getLast().type()).isEqualTo(EventType.OUTCOME);

      // Other skills in the library, one of them about the same ball and ramp, so "first" means
      // something.
      library.save(
          SkillDraft.of(
              "Keep the ball inside the goal bin",
              "## When to use\nThe ball bounces out of the goal bin at the end of the ramp.\n\n"
                  + "## Steps\n1. Raise the bin's walls above the ball's diameter.\n"));
      library.save(
          SkillDraft.of(
              "Reverse a string",
              "## When to use\nYou need a string backwards.\n\n## Steps\n1. `s[::-1]`\n"));
      library.save(
          SkillDraft.of(
              "Avoid MuJoCo stack overflows",
              "## When to use\nMuJoCo stops with 'Stack overflow'.\n\n## Steps\n1. Raise"
                  + " nstack.\n"));

      // A later run: the planner describes the problem in its own words.
      ConversationScript later = new ConversationScript();
      later.role(
          "planner",
          later.call("search_skills", args("query", PARAPHRASE)),
          later.call("submit", args("outcome", "planned", "summary", "reuse the skill")));
      later.role("coder", later.call("submit", args("outcome", "impossible", "summary", "stop")));
      h.stub.respondWith(later::answer);
      RunHandle second = h.runtime.start("benchmark-generator", "Another ramp.", h.model());
      second.outcome().get(3, TimeUnit.MINUTES);
      String found =
          h.events(second.runId()).stream()
              .filter(
                  e ->
                      e.type() == EventType.TOOL_RESULT
                          && e.payloadJson().contains("search_skills"))
              .map(RecordedEvent::payloadJson)
              .findFirst()
              .orElseThrow();
      System.out.println("search_skills '" + PARAPHRASE + "' -> " + found);
      assertThat(found).contains("- " + SkillLibrary.slug(TITLE) + " (version 1)");
      String text = AgentHarness.JSON.readTree(found).get("text").asText();
      assertThat(text).startsWith("- " + SkillLibrary.slug(TITLE) + " (version 1)");
      assertThat(text).doesNotContain("reverse-a-string");
      assertThat(h.events(second.runId())).noneMatch(e -> "skill-writer".equals(e.node()));
    }
  }

  @Test
  void aSkillWriterThatFailsIsRecordedAndTheRunStillSucceeds() throws Exception {
    try (AgentHarness h = new AgentHarness(dir)) {
      h.project.settings().put("benchmark.seeds", "1");
      h.project.settings().put("skills.learn_after", "2");
      ConversationScript s = script(2);
      // A skill-writer that only talks: no tool call, ever.
      h.stub.respondWith(
          request ->
              request.body().contains("You are the skill-writer")
                  ? OpenAiStub.reply().text("Skills are overrated.").usage(10, 5)
                  : s.answer(request));

      RunHandle run = h.runtime.start("benchmark-generator", "A ball rolls into a bin.", h.model());
      RunOutcome outcome = run.outcome().get(8, TimeUnit.MINUTES);
      List<RecordedEvent> events = h.events(run.runId());
      assertThat(outcome.status())
          .as("%s\n%s", outcome, BenchmarkGeneratorIT.tail(events))
          .isEqualTo(RunStatus.SUCCEEDED);
      assertThat(events)
          .anySatisfy(
              e -> {
                assertThat(e.type()).isEqualTo(EventType.ERROR);
                assertThat(e.node()).isEqualTo("skill-writer");
                assertThat(e.payloadJson())
                    .contains("skill_writer")
                    .contains("kept answering without calling a tool");
              });
      assertThat(events)
          .filteredOn(e -> e.type() == EventType.USER_MESSAGE && "skill-writer".equals(e.node()))
          .first()
          .satisfies(e -> assertThat(e.payloadJson()).contains("happened 2 times"));
      assertThat(events.getLast().type()).isEqualTo(EventType.OUTCOME);
      assertThat(SkillLibrary.of(h.project).search("", 10)).isEmpty();
    }
  }

  @Test
  void aRunKilledInItsSkillWriterResumesThereAndEndsAsItSucceeded() throws Exception {
    Path file = dir.resolve("agent.bwproj");
    try (Project p = Project.create(file)) {
      p.settings().put("benchmark.seeds", "1");
    }
    try (OpenAiStub stub = OpenAiStub.start()) {
      ConversationScript first = script(4);
      // The child must still be in its skill-writer when it is killed: once the first draft has
      // been sent, the stub holds answers back until then, however fast the child runs. The
      // resumed run talks to this same stub (its recorded base URL), so holding then stops.
      java.util.concurrent.atomic.AtomicBoolean holding =
          new java.util.concurrent.atomic.AtomicBoolean(true);
      stub.respondWith(
          req -> {
            if (draftAlreadySent(req)) {
              holdBackWhile(holding);
            }
            return first.answer(req);
          });
      // The skill-writer's first (refused) draft: the episode is under way.
      CliRunChild.runAndKill(
          file,
          "A ball rolls into a bin.",
          stub,
          "the skill-writer",
          line -> line.contains("TOOL_CALL") && line.contains("write_skill"));
      holding.set(false);

      try (Project p = Project.open(file)) {
        long runId = p.runs().list().getFirst().id();
        assertThat(p.runs().find(runId).orElseThrow().status()).isEqualTo(RunStatus.INTERRUPTED);
        try (AgentHarness h = new AgentHarness(p, dir)) {
          h.stub.respondWith(script(4)::answer);
          RunOutcome outcome = h.runtime.resume(runId).outcome().get(5, TimeUnit.MINUTES);
          List<RecordedEvent> events = h.events(runId);
          assertThat(outcome.status())
              .as("%s\n%s", outcome, BenchmarkGeneratorIT.tail(events))
              .isEqualTo(RunStatus.SUCCEEDED);
          String report =
              AgentHarness.JSON
                  .readTree(
                      events.stream()
                          .filter(e -> e.type() == EventType.VALIDATION_VERDICT)
                          .reduce((a, b) -> b)
                          .orElseThrow()
                          .payloadJson())
                  .get("report")
                  .asText();
          assertThat(outcome.reason()).isEqualTo(report);
          assertThat(events)
              .filteredOn(
                  e ->
                      e.type() == EventType.NODE_TRANSITION
                          && e.payloadJson().contains("skill-writer"))
              .hasSize(1);
          List<SkillVersion> history = SkillLibrary.of(p).history(SkillLibrary.slug(TITLE));
          assertThat(history).hasSize(1);
          assertThat(history.getFirst().originRunId()).isEqualTo(runId);
        }
      }
    }
  }

  @Test
  void threeFailuresOfOneKindAskForNoSkill() throws Exception {
    try (AgentHarness h = new AgentHarness(dir)) {
      h.project.settings().put("benchmark.seeds", "1");
      h.stub.respondWith(script(3)::answer);

      RunHandle run = h.runtime.start("benchmark-generator", "A ball rolls into a bin.", h.model());
      RunOutcome outcome = run.outcome().get(8, TimeUnit.MINUTES);
      List<RecordedEvent> events = h.events(run.runId());
      assertThat(outcome.status())
          .as("%s\n%s", outcome, BenchmarkGeneratorIT.tail(events))
          .isEqualTo(RunStatus.SUCCEEDED);
      assertThat(
              events.stream()
                  .filter(
                      e ->
                          e.type() == EventType.TOOL_RESULT
                              && e.payloadJson().contains("verdict: intersection")))
          .hasSize(3);
      assertThat(events).noneMatch(e -> "skill-writer".equals(e.node()));
      assertThat(h.stub.requests()).noneMatch(r -> r.body().contains("You are the skill-writer"));
      assertThat(SkillLibrary.of(h.project).search("", 10)).isEmpty();
    }
  }

  private static boolean draftAlreadySent(OpenAiStub.Received req) {
    for (com.fasterxml.jackson.databind.JsonNode m : req.json().path("messages")) {
      for (com.fasterxml.jackson.databind.JsonNode call : m.path("tool_calls")) {
        if ("write_skill".equals(call.path("function").path("name").asText())) {
          return true;
        }
      }
    }
    return false;
  }

  private static void holdBackWhile(java.util.concurrent.atomic.AtomicBoolean holding) {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (holding.get() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
