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

class PreferencePairsTest {

  @TempDir Path dir;

  private static List<JsonNode> export(Project p, ExportFilter f) throws Exception {
    StringWriter w = new StringWriter();
    new TrainingDataExport(p).exportPreferences(f, w, (a, b) -> {}, () -> false);
    FineTuneValidator.Report report =
        new FineTuneValidator().validatePreferences(new StringReader(w.toString()));
    assertThat(report.problems()).isEmpty();
    return TrainingDataExportTest.lines(w.toString());
  }

  @Test
  void aRejectedPlanAndTheApprovedRevisionMakeAPair() throws Exception {
    try (Project p = Project.create(dir.resolve("p.bwproj"))) {
      RecordedRun r = new RecordedRun(p, "wf", "openai", "gpt-4o");
      r.episode("planner", "You plan.", "x");
      long g1 = r.planGate("Plan A: use a servo", 1);
      r.decide(g1, "rejected", "No servos allowed.", null);
      r.enter("planner", "You plan.").user("A human rejected the plan: No servos allowed.");
      r.reply(
          null, null, new String[] {"s2", "submit", "{\"outcome\":\"done\",\"summary\":\"v2\"}"});
      r.result("s2", "submit", "ok");
      long g2 = r.planGate("Plan B: use a ramp", 2);
      r.decide(g2, "approved", null, null);
      r.episode("coder", "You code.", "y").outcome("passed");

      List<JsonNode> pairs = export(p, ExportFilter.all());

      assertThat(pairs).hasSize(1);
      JsonNode pair = pairs.getFirst();
      assertThat(pair.at("/preferred_output/0/content").asText()).isEqualTo("Plan B: use a ramp");
      assertThat(pair.at("/non_preferred_output/0/content").asText())
          .isEqualTo("Plan A: use a servo");
      assertThat(pair.at("/input/messages/0/content").asText()).isEqualTo("You plan.");
      assertThat(pair.at("/input/messages/1/content").asText()).isEqualTo("Task: build it");
      assertThat(pair.at("/input/messages")).hasSize(2);
      assertThat(export(p, ExportFilter.all().withNode("coder"))).isEmpty();
    }
  }

  @Test
  void anEditedPlanIsPreferredOverItsOriginal() throws Exception {
    try (Project p = Project.create(dir.resolve("p.bwproj"))) {
      RecordedRun r = new RecordedRun(p, "wf", "openai", "gpt-4o");
      r.episode("planner", "You plan.", "x");
      long g = r.planGate("Original plan", 1);
      r.decide(g, "edited", null, "Edited plan");
      r.outcome("passed");
      // An approved plan with no rejection before it gives no pair.
      RecordedRun plain = new RecordedRun(p, "wf", "openai", "gpt-4o");
      plain.episode("planner", "You plan.", "x");
      plain.decide(plain.planGate("Fine plan", 1), "approved", null, null);

      List<JsonNode> pairs = export(p, ExportFilter.all());

      assertThat(pairs).hasSize(1);
      assertThat(pairs.getFirst().at("/preferred_output/0/content").asText())
          .isEqualTo("Edited plan\n- [todo] step one\n");
      assertThat(pairs.getFirst().at("/non_preferred_output/0/content").asText())
          .isEqualTo("Original plan");
    }
  }
}
