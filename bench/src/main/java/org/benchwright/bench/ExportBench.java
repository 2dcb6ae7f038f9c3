package org.benchwright.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.benchwright.engine.export.ExportFilter;
import org.benchwright.engine.export.ExportResult;
import org.benchwright.engine.export.ExportSplit;
import org.benchwright.engine.export.TrainingDataExport;
import org.benchwright.engine.model.ModelJson;
import org.benchwright.engine.project.Event;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.NewRun;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RecordedEvent;
import org.benchwright.engine.project.RunInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code benchwright bench export}: writes a project of realistic agent episodes, exports it as
 * fine-tuning JSONL and prints MB/s written beside a reference measured in the same run: reading
 * the same events page by page and re-serialising each payload with Jackson, no conversion.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = "Measure training-data export throughput (MB/s of JSONL).")
final class ExportBench implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ROUNDS = 6; // tool calls per episode before submit

  @Spec CommandSpec spec;

  @Option(names = "--events", description = "events in the project (default ${DEFAULT-VALUE})")
  int events = 100_000;

  @Option(names = "--dir", description = "working folder (default: a new temporary folder)")
  Path dir;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("bw-export");
    try {
      Path file = work.resolve("export.bwproj");
      long written;
      try (Project p = Project.create(file)) {
        written = build(p, events);
      }
      out.printf(
          Locale.ROOT,
          "benchwright bench export: %,d events (%,d episodes of %d events), Java %s, %d cores%n",
          written,
          written / (2 + 4 * (ROUNDS + 1)),
          2 + 4 * (ROUNDS + 1),
          Runtime.version(),
          Runtime.getRuntime().availableProcessors());
      try (Project p = Project.openReadOnly(file)) {
        // Warm up both paths so JIT compilation favours neither.
        reference(p, work.resolve("warm.json"));
        export(p, work.resolve("warm.jsonl"));
        long[] ref = reference(p, work.resolve("reference.json"));
        long[] exp = export(p, work.resolve("train.jsonl"));
        double refMb = ref[0] / 1e6 / (ref[1] / 1e9);
        double expMb = exp[0] / 1e6 / (exp[1] / 1e9);
        out.printf(
            Locale.ROOT,
            "reference: read + Jackson re-serialise: %8.1f MB/s (%,d bytes, %,.0f events/s)%n",
            refMb,
            ref[0],
            written / (ref[1] / 1e9));
        out.printf(
            Locale.ROOT,
            "export to fine-tuning JSONL:           %8.1f MB/s (%,d bytes, %,d lines, %,.0f"
                + " events/s; %.2f x reference MB/s)%n",
            expMb,
            exp[0],
            exp[2],
            written / (exp[1] / 1e9),
            expMb / refMb);
      }
    } finally {
      EventLogBench.deleteTree(work);
    }
    return 0;
  }

  /** Returns {bytes, nanos, lines}. */
  private static long[] export(Project p, Path target) throws Exception {
    long start = System.nanoTime();
    ExportResult r;
    try (BufferedWriter w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
      r =
          new TrainingDataExport(p)
              .export(ExportFilter.all(), ExportSplit.NONE, w, null, (a, b) -> {}, () -> false);
    }
    long nanos = System.nanoTime() - start;
    return new long[] {Files.size(target), nanos, r.lines()};
  }

  /** Returns {bytes, nanos}. */
  private static long[] reference(Project p, Path target) throws Exception {
    long start = System.nanoTime();
    try (Writer w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
      for (RunInfo run : p.runs().list()) {
        Iterable<RecordedEvent> events = p.events().stream(run.id())::iterator;
        for (RecordedEvent e : events) {
          w.write(JSON.writeValueAsString(JSON.readTree(e.payloadJson())));
          w.write('\n');
        }
      }
    }
    return new long[] {Files.size(target), System.nanoTime() - start};
  }

  /** Writes runs of ten episodes until the project holds about {@code target} events. */
  static long build(Project p, int target) {
    SplittableRandom random = new SplittableRandom(7);
    List<ToolSpecification> tools =
        List.of(
            ToolSpecification.builder()
                .name("run_command")
                .description("Run a shell command in the sandbox.")
                .parameters(
                    JsonObjectSchema.builder()
                        .addStringProperty("command", "the command line")
                        .required("command")
                        .build())
                .build(),
            ToolSpecification.builder()
                .name("write_file")
                .description("Write a file of the run.")
                .parameters(
                    JsonObjectSchema.builder()
                        .addStringProperty("path")
                        .addStringProperty("content")
                        .required("path", "content")
                        .build())
                .build(),
            ToolSpecification.builder()
                .name("submit")
                .description("End your part.")
                .parameters(
                    JsonObjectSchema.builder()
                        .addEnumProperty("outcome", List.of("done", "stuck"))
                        .addStringProperty("summary")
                        .required("outcome", "summary")
                        .build())
                .build());
    String system =
        "You are the coder of a benchmark generator. ".repeat(12)
            + "Call exactly one tool per turn and submit when done.";
    long total = 0;
    int i = 0;
    while (total < target) {
      long run =
          p.runs()
              .create(
                  new NewRun("bench", "export", "{\"provider\":\"openai\",\"model\":\"gpt-4o\"}"))
              .id();
      List<Event> batch = new ArrayList<>();
      batch.add(Event.of(EventType.RUN_STARTED, null, "{\"workflow\":\"bench\"}"));
      int call = 0;
      for (int ep = 0; ep < 10 && total + batch.size() < target; ep++) {
        String node = ep % 2 == 0 ? "planner" : "coder";
        ObjectNode t = JSON.createObjectNode().put("to", node).put("outcome", "done");
        t.put("system", system);
        var specs = t.putArray("tools");
        tools.forEach(s -> specs.add(tree(s.toJson())));
        batch.add(Event.of(EventType.NODE_TRANSITION, node, t.toString()));
        batch.add(
            Event.of(
                EventType.USER_MESSAGE,
                node,
                JSON.createObjectNode()
                    .put("text", "Task: " + EventLogBench.payload(random, i++))
                    .toString()));
        for (int round = 0; round <= ROUNDS; round++) {
          boolean submit = round == ROUNDS;
          String id = "call_" + Integer.toHexString(random.nextInt());
          String name = submit ? "submit" : round % 2 == 0 ? "run_command" : "write_file";
          String args =
              submit
                  ? "{\"outcome\":\"done\",\"summary\":\"built and checked the ramp\"}"
                  : round % 2 == 0
                      ? "{\"command\":\"python generate.py --seed " + round + "\"}"
                      : JSON.createObjectNode()
                          .put("path", "gen/part" + round + ".py")
                          .put("content", EventLogBench.payload(random, i++))
                          .toString();
          call++;
          batch.add(
              Event.of(
                  EventType.MODEL_REQUEST,
                  node,
                  "{\"call\":"
                      + call
                      + ",\"fingerprint\":\""
                      + id
                      + "\",\"messages\":"
                      + (2 + round * 2)
                      + "}"));
          ChatResponse response =
              ChatResponse.builder()
                  .aiMessage(
                      AiMessage.builder()
                          .text(round == 0 ? "Let me look at the task first." : null)
                          .toolExecutionRequests(
                              List.of(
                                  ToolExecutionRequest.builder()
                                      .id(id)
                                      .name(name)
                                      .arguments(args)
                                      .build()))
                          .build())
                  .modelName("gpt-4o")
                  .finishReason(FinishReason.TOOL_EXECUTION)
                  .tokenUsage(new TokenUsage(1200, 80))
                  .build();
          ObjectNode r =
              JSON.createObjectNode()
                  .put("call", call)
                  .put("input_tokens", 1200)
                  .put("output_tokens", 80)
                  .put("cost_usd", 0.004)
                  .put("latency_ms", 900)
                  .put("attempts", 1);
          r.putArray("retries");
          r.put("response", ModelJson.responseToJson(response));
          batch.add(Event.of(EventType.MODEL_RESPONSE, node, r.toString()));
          batch.add(
              Event.of(
                  EventType.TOOL_CALL,
                  node,
                  JSON.createObjectNode()
                      .put("id", id)
                      .put("name", name)
                      .put("arguments", args)
                      .toString()));
          batch.add(
              Event.of(
                  EventType.TOOL_RESULT,
                  node,
                  JSON.createObjectNode()
                      .put("id", id)
                      .put("name", name)
                      .put("error", false)
                      .put("text", EventLogBench.payload(random, i++))
                      .toString()));
        }
      }
      batch.add(
          Event.of(
              EventType.OUTCOME,
              null,
              "{\"status\":\"SUCCEEDED\",\"outcome\":\"passed\",\"reason\":\"ok\"}"));
      p.events().appendAll(run, batch);
      total += batch.size();
    }
    return total;
  }

  private static com.fasterxml.jackson.databind.JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
