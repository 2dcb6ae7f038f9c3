package org.benchwright.engine.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.benchwright.engine.project.NewBenchmark;
import org.benchwright.engine.project.Project;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingDataExportTest {

  @TempDir Path dir;
  Project project;

  @BeforeEach
  void open() {
    project = Project.create(dir.resolve("p.bwproj"));
  }

  @AfterEach
  void close() {
    project.close();
  }

  static List<JsonNode> lines(String jsonl) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String l : jsonl.split("\n")) {
      if (!l.isBlank()) {
        out.add(RecordedRun.JSON.readTree(l));
      }
    }
    return out;
  }

  static String validChat(String jsonl) throws Exception {
    FineTuneValidator.Report r = new FineTuneValidator().validateChat(new StringReader(jsonl));
    assertThat(r.problems()).as("validator problems").isEmpty();
    return jsonl;
  }

  private String export(ExportFilter f) throws Exception {
    StringWriter w = new StringWriter();
    new TrainingDataExport(project).export(f, ExportSplit.NONE, w, null, (a, b) -> {}, () -> false);
    return validChat(w.toString());
  }

  @Test
  void anEpisodeBecomesOneChatExampleWithToolsInOpenAiFormat() throws Exception {
    new RecordedRun(project, "wf", "openai", "gpt-4o")
        .episode("planner", "You plan.", "hello")
        .episode("coder", "You code.", "world")
        .outcome("passed");

    List<JsonNode> lines = lines(export(ExportFilter.all()));

    assertThat(lines).hasSize(2);
    JsonNode first = lines.getFirst();
    JsonNode m = first.get("messages");
    assertThat(m.get(0).get("role").asText()).isEqualTo("system");
    assertThat(m.get(0).get("content").asText()).isEqualTo("You plan.");
    assertThat(m.get(1).get("role").asText()).isEqualTo("user");
    JsonNode a = m.get(2);
    assertThat(a.get("role").asText()).isEqualTo("assistant");
    assertThat(a.get("content").asText()).isEqualTo("I will write the file.");
    JsonNode call = a.get("tool_calls").get(0);
    assertThat(call.get("type").asText()).isEqualTo("function");
    assertThat(call.get("function").get("name").asText()).isEqualTo("write_file");
    assertThat(RecordedRun.JSON.readTree(call.get("function").get("arguments").asText()))
        .isEqualTo(RecordedRun.JSON.readTree("{\"path\":\"a.txt\",\"content\":\"hello\"}"));
    assertThat(m.get(3).get("role").asText()).isEqualTo("tool");
    assertThat(m.get(3).get("tool_call_id").asText()).isEqualTo(call.get("id").asText());
    assertThat(m.get(4).get("content").isNull()).isTrue(); // tool call only
    assertThat(m).hasSize(6);

    JsonNode tools = first.get("tools");
    assertThat(tools).hasSize(3);
    assertThat(tools.get(0).get("type").asText()).isEqualTo("function");
    assertThat(tools.get(0).get("function").get("name").asText()).isEqualTo("write_file");
    assertThat(tools.get(0).get("function").get("description").asText())
        .isEqualTo("Write a file of the run.");
    assertThat(tools.get(0).get("function").get("parameters").get("required")).hasSize(2);
    // A tool without parameters gets an empty object schema.
    assertThat(tools.get(2).get("function").get("parameters").get("type").asText())
        .isEqualTo("object");
    assertThat(lines.get(1).get("messages").get(0).get("content").asText()).isEqualTo("You code.");
  }

  @Test
  void reasoningIsNotExported() throws Exception {
    new RecordedRun(project, "wf", "openai", "gpt-4o")
        .episode("coder", "sys", "x")
        .outcome("passed");
    String out = export(ExportFilter.all());
    assertThat(out).doesNotContain("thinking hard").doesNotContain("reasoning");
  }

  @Test
  void anEpisodeWithAnUnansweredToolCallIsDroppedAndCounted() throws Exception {
    RecordedRun r = new RecordedRun(project, "wf", "openai", "gpt-4o");
    r.episode("planner", "sys", "ok");
    // The coder was killed while its tool ran: a call without a result.
    r.enter("coder", "sys", RecordedRun.WRITE_FILE).user("go");
    r.reply(
        "writing", null, new String[] {"c9", "write_file", "{\"path\":\"b\",\"content\":\"\"}"});

    StringWriter w = new StringWriter();
    ExportResult result =
        new TrainingDataExport(project)
            .export(ExportFilter.all(), ExportSplit.NONE, w, null, (a, b) -> {}, () -> false);

    assertThat(result.trainLines()).isEqualTo(1);
    assertThat(result.dropped()).isEqualTo(1);
    validChat(w.toString());
  }

  @Test
  void toolCallsWithoutIdsGetIdsTheirResultsAnswer() throws Exception {
    RecordedRun r = new RecordedRun(project, "wf", "ollama", "qwen");
    r.enter("coder", "sys", RecordedRun.LIST).user("go");
    r.reply(
        null,
        null,
        new String[] {null, "list_files", "{}"},
        new String[] {null, "list_files", "{}"});
    r.result(null, "list_files", "a.txt");
    r.result(null, "list_files", "b.txt");
    r.reply("done", null);
    r.outcome("passed");

    List<JsonNode> lines = lines(export(ExportFilter.all()));
    assertThat(lines).hasSize(1);
    JsonNode m = lines.getFirst().get("messages");
    assertThat(m.get(3).get("tool_call_id").asText())
        .isEqualTo(m.get(2).get("tool_calls").get(0).get("id").asText());
    assertThat(m.get(4).get("tool_call_id").asText())
        .isEqualTo(m.get(2).get("tool_calls").get(1).get("id").asText());
  }

  @Test
  void filtersSelectWorkflowNodeOutcomeModelDateAndBenchmark() throws Exception {
    RecordedRun a =
        new RecordedRun(project, "gen", "openai", "gpt-4o")
            .episode("planner", "p", "1")
            .episode("coder", "c", "2")
            .outcome("passed");
    new RecordedRun(project, "gen", "anthropic", "claude")
        .episode("planner", "p", "3")
        .outcome("failed");
    new RecordedRun(project, "other", "openai", "gpt-4o")
        .episode("planner", "p", "4")
        .outcome("passed");
    project
        .benchmarks()
        .save(
            new NewBenchmark(
                "bench", a.id, "print(1)".getBytes(), "{}", "{}", null, "validated", List.of()));

    assertThat(lines(export(ExportFilter.all()))).hasSize(4);
    assertThat(lines(export(ExportFilter.all().withWorkflow("gen")))).hasSize(3);
    assertThat(lines(export(ExportFilter.all().withNode("coder")))).hasSize(1);
    assertThat(lines(export(ExportFilter.all().withOutcome("failed")))).hasSize(1);
    assertThat(lines(export(ExportFilter.all().withOutcome("passed")))).hasSize(3);
    assertThat(lines(export(ExportFilter.all().withModel("claude")))).hasSize(1);
    assertThat(lines(export(ExportFilter.all().withModel("openai:gpt-4o")))).hasSize(3);
    assertThat(lines(export(ExportFilter.all().withBenchmarkOnly(true)))).hasSize(2);
    Instant now = Instant.now();
    assertThat(lines(export(ExportFilter.all().withCreated(now.plusSeconds(60), null)))).isEmpty();
    assertThat(
            lines(
                export(ExportFilter.all().withCreated(now.minusSeconds(600), now.plusSeconds(60)))))
        .hasSize(4);
  }

  @Test
  void theSplitPutsEachRunOnOneSideOnlyAndIsDeterministic() throws Exception {
    Set<String> uids = new HashSet<>();
    for (int i = 0; i < 40; i++) {
      RecordedRun r =
          new RecordedRun(project, "wf", "openai", "gpt-4o")
              .episode("planner", "run-" + i, "x")
              .episode("coder", "run-" + i, "y")
              .outcome("passed");
      uids.add(r.uid);
    }
    ExportSplit split = new ExportSplit(0.3, 7);
    StringWriter train = new StringWriter();
    StringWriter validation = new StringWriter();
    ExportResult result =
        new TrainingDataExport(project)
            .export(ExportFilter.all(), split, train, validation, (a, b) -> {}, () -> false);

    Set<String> trainRuns = systems(validChat(train.toString()));
    Set<String> validationRuns = systems(validChat(validation.toString()));
    assertThat(trainRuns).doesNotContainAnyElementsOf(validationRuns);
    assertThat(trainRuns.size() + validationRuns.size()).isEqualTo(40);
    assertThat(validationRuns).isNotEmpty();
    assertThat(result.validationRuns()).isEqualTo(validationRuns.size());
    assertThat(result.trainLines() + result.validationLines()).isEqualTo(80);

    StringWriter again = new StringWriter();
    new TrainingDataExport(project)
        .export(ExportFilter.all(), split, new StringWriter(), again, (a, b) -> {}, () -> false);
    assertThat(again.toString()).isEqualTo(validation.toString());
    long expected = uids.stream().filter(split::isValidation).count();
    assertThat(validationRuns).hasSize((int) expected);
  }

  private static Set<String> systems(String jsonl) throws Exception {
    Set<String> s = new HashSet<>();
    for (JsonNode l : lines(jsonl)) {
      s.add(l.get("messages").get(0).get("content").asText());
    }
    return s;
  }

  @Test
  void countMatchesTheExportAndProgressReachesTheTotal() throws Exception {
    for (int i = 0; i < 3; i++) {
      RecordedRun r = new RecordedRun(project, "wf", "openai", "gpt-4o");
      for (int e = 0; e < 200; e++) { // > one page of events per run
        r.episode("coder", "s", "content " + e);
      }
      r.outcome("passed");
    }
    TrainingDataExport export = new TrainingDataExport(project);
    ExportResult counted = export.count(ExportFilter.all(), ExportSplit.NONE);

    List<long[]> updates = new ArrayList<>();
    StringWriter w = new StringWriter();
    ExportResult done =
        export.export(
            ExportFilter.all(),
            ExportSplit.NONE,
            w,
            null,
            (read, total) -> updates.add(new long[] {read, total}),
            () -> false);

    assertThat(counted).isEqualTo(done);
    assertThat(done.trainLines()).isEqualTo(600);
    assertThat(lines(validChat(w.toString()))).hasSize(600);
    long total = updates.getLast()[1];
    assertThat(updates.getLast()[0]).isEqualTo(total).isEqualTo(done.eventsRead());
    assertThat(updates.size()).isGreaterThan(3);
    for (int i = 1; i < updates.size(); i++) {
      assertThat(updates.get(i)[0]).isGreaterThanOrEqualTo(updates.get(i - 1)[0]);
    }
  }

  @Test
  void cancellingStopsTheExport() {
    RecordedRun r = new RecordedRun(project, "wf", "openai", "gpt-4o");
    for (int e = 0; e < 300; e++) {
      r.episode("coder", "s", "c");
    }
    AtomicInteger pages = new AtomicInteger();
    StringWriter w = new StringWriter();
    assertThatThrownBy(
            () ->
                new TrainingDataExport(project)
                    .export(
                        ExportFilter.all(),
                        ExportSplit.NONE,
                        w,
                        null,
                        (a, b) -> pages.incrementAndGet(),
                        () -> pages.get() >= 2))
        .isInstanceOf(CancellationException.class);
    // Stopped after the first page: some lines, far from all.
    assertThat(w.toString().split("\n").length).isLessThan(300);
  }
}
