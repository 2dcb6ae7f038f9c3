package org.benchwright.engine.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.benchwright.engine.project.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forks whose outcomes differ give preference pairs: the conversation where the branches part, the
 * succeeded branch's next answer preferred over the failed one's.
 */
class ForkPreferencePairsTest {

  private static final String KEY = "sk-proj-abcdefghijklmnopqrstuvwxyz123456";

  @TempDir Path dir;

  private record Exported(List<JsonNode> lines, ExportResult result) {}

  private static Exported export(Project p, ExportFilter f) throws Exception {
    StringWriter w = new StringWriter();
    ExportResult r = new TrainingDataExport(p).exportPreferences(f, w, (a, b) -> {}, () -> false);
    FineTuneValidator.Report report =
        new FineTuneValidator().validatePreferences(new StringReader(w.toString()));
    assertThat(report.problems()).isEmpty();
    assertThat(w.toString()).doesNotContain(KEY).doesNotContain("hunter2");
    return new Exported(TrainingDataExportTest.lines(w.toString()), r);
  }

  /** A coder that wrote a file and got its result: the point both branches go on from. */
  private static RecordedRun started(Project p) {
    RecordedRun r = new RecordedRun(p, "wf", "openai", "gpt-4o");
    r.enter("coder", "You code. Key: " + KEY, RecordedRun.WRITE_FILE, RecordedRun.SUBMIT);
    r.user("Task: build it");
    r.reply(
        "I will write the file.",
        "thinking",
        new String[] {"w1", "write_file", "{\"path\":\"a.txt\",\"content\":\"x\"}"});
    r.result("w1", "write_file", "wrote a.txt");
    return r;
  }

  private static void submit(RecordedRun r, String id, String outcome, String text) {
    r.reply(
        text,
        null,
        new String[] {
          id,
          "submit",
          "{\"outcome\":\"" + outcome + "\",\"summary\":\"s\",\"api_key\":\"hunter2\"}"
        });
    r.result(id, "submit", "Submitted");
    r.outcome(outcome.equals("done") ? "passed" : "failed");
  }

  @Test
  void aFailedRunAndItsSucceededForkMakeAPair() throws Exception {
    try (Project p = Project.create(dir.resolve("p.bwproj"))) {
      RecordedRun parent = started(p);
      long point = parent.last();
      submit(parent, "s1", "stuck", "I give up.");
      RecordedRun fork = new RecordedRun(parent, point);
      submit(fork, "s2", "done", "Now I submit.");

      Exported out = export(p, ExportFilter.all());

      assertThat(out.lines()).hasSize(1);
      JsonNode pair = out.lines().getFirst();
      JsonNode input = pair.at("/input/messages");
      assertThat(input).hasSize(4);
      assertThat(input.get(0).path("role").asText()).isEqualTo("system");
      assertThat(input.get(0).path("content").asText()).contains("[REDACTED:openai_key]");
      assertThat(input.get(1).path("content").asText()).isEqualTo("Task: build it");
      assertThat(input.get(2).at("/tool_calls/0/function/name").asText()).isEqualTo("write_file");
      assertThat(input.get(3).path("role").asText()).isEqualTo("tool");
      assertThat(pair.at("/preferred_output/0/content").asText())
          .isEqualTo(
              "Now I submit.\n<tool_call>{\"name\":\"submit\",\"arguments\":{\"outcome\":\"done\","
                  + "\"summary\":\"s\",\"api_key\":\"[REDACTED:credential]\"}}</tool_call>");
      assertThat(pair.at("/non_preferred_output/0/content").asText())
          .startsWith("I give up.\n<tool_call>{\"name\":\"submit\"")
          .contains("\"outcome\":\"stuck\"");
      assertThat(out.result().trainLines()).isEqualTo(1);
      assertThat(out.result().trainRuns()).isEqualTo(2);
      assertThat(out.result().dropped()).isZero();

      // Only with both branches selected, and only for the node they part in.
      assertThat(export(p, ExportFilter.all().withNode("planner")).lines()).isEmpty();
      assertThat(export(p, ExportFilter.all().withOutcome("passed")).lines()).isEmpty();
    }
  }

  @Test
  void twoForksOfOneRunWithDifferentOutcomesMakeAPairAndTheSharedPlanPairIsWrittenOnce()
      throws Exception {
    try (Project p = Project.create(dir.resolve("p.bwproj"))) {
      RecordedRun parent = new RecordedRun(p, "wf", "openai", "gpt-4o");
      parent.episode("planner", "You plan.", "x");
      parent.decide(parent.planGate("Plan A", 1), "rejected", "no", null);
      parent.decide(parent.planGate("Plan B", 2), "approved", null, null);
      parent.enter("coder", "You code.", RecordedRun.WRITE_FILE, RecordedRun.SUBMIT);
      parent.user("Task: code it");
      long point = parent.last();
      parent.outcome("cancelled"); // neither succeeded nor failed: pairs with no branch

      RecordedRun good = new RecordedRun(parent, point);
      submit(good, "g", "done", "Done.");
      RecordedRun bad = new RecordedRun(parent, point);
      submit(bad, "b", "stuck", "Stuck.");
      RecordedRun same = new RecordedRun(parent, point);
      submit(same, "g", "stuck", "Done."); // failed with a different call: still a pair with good

      Exported out = export(p, ExportFilter.all());

      List<JsonNode> plans =
          out.lines().stream()
              .filter(l -> l.at("/preferred_output/0/content").asText().equals("Plan B"))
              .toList();
      assertThat(plans).hasSize(1); // the parent's, not once more per fork sharing it
      List<JsonNode> branches =
          out.lines().stream()
              .filter(l -> l.at("/input/messages/0/content").asText().equals("You code."))
              .toList();
      assertThat(branches).hasSize(2);
      assertThat(branches)
          .allSatisfy(
              l -> {
                assertThat(l.at("/input/messages")).hasSize(2);
                assertThat(l.at("/preferred_output/0/content").asText()).startsWith("Done.");
              });
      assertThat(branches.get(0).at("/non_preferred_output/0/content").asText())
          .startsWith("Stuck.");
      assertThat(branches.get(1).at("/non_preferred_output/0/content").asText())
          .contains("\"outcome\":\"stuck\"")
          .startsWith("Done.");
      assertThat(out.lines()).hasSize(3);
    }
  }

  @Test
  void branchesThatDifferBeforeTheirNextAnswerGiveNoPair() throws Exception {
    try (Project p = Project.create(dir.resolve("p.bwproj"))) {
      RecordedRun parent = new RecordedRun(p, "wf", "openai", "gpt-4o");
      parent.enter("coder", "You code.", RecordedRun.WRITE_FILE, RecordedRun.SUBMIT);
      parent.user("Task: build it");
      parent.reply(
          null, null, new String[] {"w1", "write_file", "{\"path\":\"a.txt\",\"content\":\"x\"}"});
      long point = parent.last(); // the call is made, its result not yet: no prompt ends here
      parent.result("w1", "write_file", "wrote a.txt");
      submit(parent, "s1", "done", "ok");
      RecordedRun fork = new RecordedRun(parent, point);
      fork.result("w1", "write_file", "error: disk full");
      submit(fork, "s2", "stuck", "Cannot write.");
      // Identical answers on both sides teach nothing either.
      RecordedRun twin = started(p);
      long at = twin.last();
      submit(twin, "t", "done", "Same.");
      RecordedRun twinFork = new RecordedRun(twin, at);
      twinFork.reply(
          "Same.",
          null,
          new String[] {
            "t", "submit", "{\"outcome\":\"done\",\"summary\":\"s\",\"api_key\":\"hunter2\"}"
          });
      twinFork.result("t", "submit", "Submitted, but the checks failed");
      twinFork.outcome("failed");

      Exported out = export(p, ExportFilter.all());

      assertThat(out.lines()).isEmpty();
      assertThat(out.result().dropped()).isEqualTo(2);
    }
  }
}
