package org.benchwright.engine.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.benchwright.engine.project.BenchmarkInfo;
import org.benchwright.engine.project.EventPayload.GateDecided;
import org.benchwright.engine.project.EventPayload.GateOpened;
import org.benchwright.engine.project.EventPayload.ModelResponse;
import org.benchwright.engine.project.EventPayload.NodeTransition;
import org.benchwright.engine.project.EventPayload.Outcome;
import org.benchwright.engine.project.EventPayload.ToolResult;
import org.benchwright.engine.project.EventPayload.UserMessage;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.Lineage;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RecordedEvent;
import org.benchwright.engine.project.RunInfo;

/**
 * Exports recorded runs as training data: OpenAI chat fine-tuning JSONL, one line per agent-node
 * episode (from a NODE_TRANSITION to the next NODE_TRANSITION or OUTCOME), and DPO preference pairs
 * from plan gates. Events are read page by page and each line is written as soon as its episode
 * ends, so memory holds one episode at most. Every string goes through the {@link SecretScrubber}.
 */
public final class TrainingDataExport {

  /** Progress: events read so far of the total in the selected runs. */
  @FunctionalInterface
  public interface Progress {
    void update(long eventsRead, long totalEvents);

    Progress NONE = (read, total) -> {};
  }

  static final int PAGE = 1_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Project project;
  private final SecretScrubber scrubber;

  public TrainingDataExport(Project project) {
    this(project, new SecretScrubber());
  }

  public TrainingDataExport(Project project, SecretScrubber scrubber) {
    this.project = project;
    this.scrubber = scrubber;
  }

  /** The runs a filter selects (before any node filter), oldest first. */
  public List<RunInfo> selectRuns(ExportFilter f) {
    Set<Long> withBenchmark = new HashSet<>();
    if (f.benchmarkOnly()) {
      for (BenchmarkInfo b : project.benchmarks().list()) {
        if (b.runId() != null) {
          withBenchmark.add(b.runId());
        }
      }
    }
    List<RunInfo> selected = new ArrayList<>();
    for (RunInfo r : project.runs().list()) {
      if (f.workflow() != null && !f.workflow().equals(r.workflow())) {
        continue;
      }
      if (f.since() != null && r.createdAt().isBefore(f.since())) {
        continue;
      }
      if (f.until() != null && !r.createdAt().isBefore(f.until())) {
        continue;
      }
      if (f.benchmarkOnly() && !withBenchmark.contains(r.id())) {
        continue;
      }
      if (f.model() != null && !modelMatches(r.modelConfigJson(), f.model())) {
        continue;
      }
      if (f.outcome() != null && !f.outcome().equalsIgnoreCase(outcomeOf(r.id()))) {
        continue;
      }
      selected.add(r);
    }
    selected.sort(Comparator.comparingLong(RunInfo::id));
    return selected;
  }

  /**
   * Writes the chat fine-tuning lines. Runs the split puts on the validation side go to {@code
   * validation}; when it is null every run goes to {@code train}. The writers are flushed, not
   * closed.
   *
   * @throws CancellationException when {@code cancelled} says so or the thread is interrupted
   */
  public ExportResult export(
      ExportFilter filter,
      ExportSplit split,
      Writer train,
      Writer validation,
      Progress progress,
      BooleanSupplier cancelled) {
    List<RunInfo> runs = selectRuns(filter);
    long total = 0;
    for (RunInfo r : runs) {
      total += project.events().lastSeq(r.id());
    }
    long[] counts = new long[4]; // train lines, validation lines, dropped, empty
    int trainRuns = 0;
    int validationRuns = 0;
    long read = 0;
    progress.update(0, total);
    for (RunInfo r : runs) {
      boolean toValidation = validation != null && split.isValidation(r.uid());
      Writer out = toValidation ? validation : train;
      Episodes episodes = new Episodes(filter.node(), out);
      read = readRun(r.id(), episodes::accept, read, total, progress, cancelled);
      episodes.end();
      if (episodes.written > 0) {
        if (toValidation) {
          validationRuns++;
          counts[1] += episodes.written;
        } else {
          trainRuns++;
          counts[0] += episodes.written;
        }
      }
      counts[2] += episodes.dropped;
      counts[3] += episodes.empty;
    }
    flush(train);
    flush(validation);
    return new ExportResult(
        runs.size(), trainRuns, validationRuns, counts[0], counts[1], counts[2], counts[3], read);
  }

  /** What {@link #export} would write, without writing (for a dialog showing counts first). */
  public ExportResult count(ExportFilter filter, ExportSplit split) {
    Writer nothing = Writer.nullWriter();
    return export(filter, split, nothing, nothing, Progress.NONE, () -> false);
  }

  /**
   * Writes DPO preference pairs from plan gates: a rejected plan against the approved revision that
   * followed it, and an edited plan (preferred) against the plan it replaced. Then pairs from forks
   * whose outcomes differ (ADR 0041): for a run and its fork, or two forks of one run, one of which
   * succeeded and the other failed, the conversation of the node at the point where they part, with
   * the succeeded branch's next answer there preferred over the failed one's. Returns the pairs
   * written as {@code trainLines} and, as {@code dropped}, the branch pairs with differing outcomes
   * that gave no pair (no shared conversation at their point, or no answer on one side).
   */
  public ExportResult exportPreferences(
      ExportFilter filter, Writer out, Progress progress, BooleanSupplier cancelled) {
    List<RunInfo> runs = selectRuns(filter);
    long total = 0;
    for (RunInfo r : runs) {
      total += project.events().lastSeq(r.id());
    }
    long read = 0;
    long pairs = 0;
    Set<Long> withPairs = new HashSet<>();
    Set<Long> selected = new HashSet<>();
    runs.forEach(r -> selected.add(r.id()));
    for (RunInfo r : runs) {
      // A fork reads the gates it shares with its ancestors; a selected ancestor writes the pairs
      // decided there itself, so the fork writes only the others.
      List<Lineage.Segment> lineage = project.runs().lineage(r.id());
      Preferences prefs =
          new Preferences(
              filter.node(),
              out,
              seq ->
                  lineage.stream()
                      .anyMatch(
                          g ->
                              g.covers(seq)
                                  && g.runId() != r.id()
                                  && selected.contains(g.runId())));
      read = readRun(r.id(), prefs::accept, read, total, progress, cancelled);
      pairs += prefs.written;
      if (prefs.written > 0) {
        withPairs.add(r.id());
      }
    }
    BranchPairs branches = new BranchPairs(filter.node(), out, withPairs);
    branches.write(runs, cancelled);
    pairs += branches.written;
    flush(out);
    return new ExportResult(runs.size(), withPairs.size(), 0, pairs, 0, branches.dropped, 0, read);
  }

  /**
   * Feeds a run's events to a fold; between pages of {@link #PAGE} events it reports progress and
   * stops if cancelled. Returns the events read so far, this run's included.
   */
  private long readRun(
      long runId,
      Consumer<RecordedEvent> fold,
      long readBefore,
      long total,
      Progress progress,
      BooleanSupplier cancelled) {
    checkCancelled(cancelled);
    long[] read = {readBefore};
    project.events().stream(runId)
        .forEach(
            e -> {
              fold.accept(e);
              if ((++read[0] - readBefore) % PAGE == 0) {
                progress.update(read[0], total);
                checkCancelled(cancelled);
              }
            });
    progress.update(read[0], total);
    return read[0];
  }

  // ---------------------------------------------------------------- chat episodes

  /** Folds one run's events into episodes, writing each valid one as it ends. */
  private final class Episodes {
    private final String nodeFilter;
    private final Writer out;
    long written;
    long dropped;
    long empty;
    private int episodeNumber;
    // The current episode; null between episodes or while skipping a node the filter leaves out.
    private ArrayNode messages;
    private ArrayNode tools;
    private boolean broken;
    private boolean answered; // the model spoke at least once
    private int syntheticIds;
    // Calls of the last assistant message still waiting for their result: id -> name.
    private final LinkedHashMap<String, String> pending = new LinkedHashMap<>();
    private final Set<String> synthetic = new HashSet<>();

    Episodes(String nodeFilter, Writer out) {
      this.nodeFilter = nodeFilter;
      this.out = out;
    }

    void accept(RecordedEvent e) {
      EventType type = e.type();
      if (type == EventType.NODE_TRANSITION) {
        end();
        NodeTransition p = e.payload(NodeTransition.class);
        String node = p.to();
        episodeNumber++;
        if (nodeFilter != null && !nodeFilter.equals(node)) {
          return;
        }
        messages = JSON.createArrayNode();
        tools = JSON.createArrayNode();
        broken = false;
        answered = false;
        pending.clear();
        if (p.system() != null) {
          messages.addObject().put("role", "system").put("content", scrub(p.system()));
        }
        if (p.tools() != null) {
          for (JsonNode spec : p.tools()) {
            tools.add(openAiTool(spec));
          }
        }
        return;
      }
      if (messages == null) {
        return;
      }
      switch (type) {
        case USER_MESSAGE -> {
          if (!pending.isEmpty()) {
            broken = true;
          }
          messages
              .addObject()
              .put("role", "user")
              .put("content", scrub(e.payload(UserMessage.class).text()));
        }
        case MODEL_RESPONSE -> assistant(e.payload(ModelResponse.class));
        case TOOL_RESULT -> toolResult(e.payload(ToolResult.class));
        case OUTCOME -> end();
        default -> {
          // requests, tool calls (the response holds them), gates, files, verdicts: not training
          // text
        }
      }
    }

    private void assistant(ModelResponse p) {
      if (!pending.isEmpty()) {
        broken = true;
      }
      // langchain4j's message JSON, read directly (ModelJson.responseFromJson builds the whole
      // ChatResponse, several times slower on the export's hot path).
      JsonNode ai = parse(p.response()).path("ai_message");
      if (!"AI".equals(ai.path("type").asText())) {
        broken = true;
        return;
      }
      answered = true;
      ObjectNode m = messages.addObject().put("role", "assistant");
      // Reasoning (thinking) is left out: the chat format has no field for it (ADR 0013).
      String text = ai.hasNonNull("text") ? ai.get("text").asText() : null;
      if (text == null || text.isEmpty()) {
        m.putNull("content");
      } else {
        m.put("content", scrub(text));
      }
      JsonNode requests = ai.path("toolExecutionRequests");
      if (requests.isArray() && !requests.isEmpty()) {
        ArrayNode calls = m.putArray("tool_calls");
        for (JsonNode call : requests) {
          String id = call.hasNonNull("id") ? call.get("id").asText() : null;
          if (id == null || id.isBlank()) {
            id = "call_" + episodeNumber + "_" + ++syntheticIds;
            synthetic.add(id);
          }
          String name = call.path("name").asText();
          if (pending.put(id, name) != null) {
            broken = true; // the same id twice in one message
          }
          ObjectNode c = calls.addObject().put("id", id).put("type", "function");
          c.putObject("function")
              .put("name", name)
              .put("arguments", scrubArguments(call.path("arguments").asText(null)));
        }
      } else if (m.get("content").isNull()) {
        broken = true;
      }
    }

    private void toolResult(ToolResult p) {
      String id = p.id();
      String name = p.name();
      if (id == null || id.isBlank()) {
        // A call the model made without an id: its result answers the oldest call of that name.
        id = null;
        for (Map.Entry<String, String> call : pending.entrySet()) {
          if (call.getValue().equals(name) && synthetic.contains(call.getKey())) {
            id = call.getKey();
            break;
          }
        }
      }
      if (id == null || !pending.containsKey(id)) {
        broken = true; // a result for no call in the conversation
        return;
      }
      pending.remove(id);
      messages
          .addObject()
          .put("role", "tool")
          .put("tool_call_id", id)
          .put("content", scrub(p.text() == null ? "" : p.text()));
    }

    /**
     * The conversation of the current episode as a prompt: null when there is none, or it cannot be
     * one (out of order, or a call still waiting for its result).
     */
    ArrayNode conversationSoFar() {
      if (messages == null || broken || !pending.isEmpty() || messages.isEmpty()) {
        return null;
      }
      return messages.deepCopy();
    }

    void end() {
      if (messages == null) {
        return;
      }
      ArrayNode m = messages;
      messages = null;
      if (broken || !pending.isEmpty()) {
        dropped++;
        return;
      }
      if (!answered) {
        empty++;
        return;
      }
      ObjectNode line = JSON.createObjectNode();
      line.set("messages", m);
      if (!tools.isEmpty()) {
        line.set("tools", tools);
      }
      writeLine(out, line);
      written++;
    }
  }

  /** langchain4j's {name, description, parameters} as OpenAI's {type: function, function}. */
  ObjectNode openAiTool(JsonNode spec) {
    ObjectNode t = JSON.createObjectNode().put("type", "function");
    ObjectNode fn = t.putObject("function").put("name", spec.path("name").asText());
    if (spec.hasNonNull("description")) {
      fn.put("description", scrub(spec.get("description").asText()));
    }
    JsonNode params = spec.get("parameters");
    if (params != null && params.isObject()) {
      fn.set("parameters", params);
    } else {
      ObjectNode empty = fn.putObject("parameters").put("type", "object");
      empty.putObject("properties");
    }
    return t;
  }

  /**
   * Tool arguments stay a JSON string. When they parse, every string value is scrubbed and values
   * under secret-looking keys are replaced whole; otherwise the raw text is scrubbed.
   */
  String scrubArguments(String arguments) {
    if (arguments == null || arguments.isBlank()) {
      return "{}";
    }
    try {
      JsonNode tree = JSON.readTree(arguments);
      if (tree != null && tree.isContainerNode()) {
        return JSON.writeValueAsString(scrubTree(tree, null));
      }
    } catch (JsonProcessingException ignored) {
      // not JSON: scrub it as text below
    }
    return scrub(arguments);
  }

  private JsonNode scrubTree(JsonNode node, String key) {
    if (node.isTextual()) {
      String v = node.asText();
      if (key != null && SECRET_KEY.matcher(key).find() && !v.isEmpty()) {
        return JSON.getNodeFactory().textNode("[REDACTED:credential]");
      }
      return JSON.getNodeFactory().textNode(scrub(v));
    }
    if (node.isObject()) {
      ObjectNode o = (ObjectNode) node;
      Iterator<Map.Entry<String, JsonNode>> fields = o.fields();
      Map<String, JsonNode> replaced = new LinkedHashMap<>();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        replaced.put(f.getKey(), scrubTree(f.getValue(), f.getKey()));
      }
      replaced.forEach(o::set);
      return o;
    }
    if (node.isArray()) {
      ArrayNode a = (ArrayNode) node;
      for (int i = 0; i < a.size(); i++) {
        a.set(i, scrubTree(a.get(i), key));
      }
      return a;
    }
    return node;
  }

  private static final java.util.regex.Pattern SECRET_KEY =
      java.util.regex.Pattern.compile(
          "(?i)(password|passwd|passphrase|token|api[_\\-]?key|secret|access[_\\-]?key"
              + "|private[_\\-]?key|credentials?)$");

  // ---------------------------------------------------------------- preference pairs

  /** Folds one run's plan gates into preference pairs. */
  private final class Preferences {
    private record Opened(String plan, ArrayNode input) {}

    private final String nodeFilter;
    private final Writer out;
    long written;
    private final Map<String, ArrayNode> inputByNode = new HashMap<>();
    private final Map<String, Boolean> modelSpoke = new HashMap<>();
    private final Map<Long, Opened> opened = new HashMap<>();
    private final List<Opened> rejected = new ArrayList<>();
    private final java.util.function.LongPredicate writtenElsewhere;
    private boolean writing = true;

    /**
     * @param writtenElsewhere whether the pairs of a decision at a seq are written by another run
     *     (an ancestor this fork shares that step with)
     */
    Preferences(String nodeFilter, Writer out, java.util.function.LongPredicate writtenElsewhere) {
      this.nodeFilter = nodeFilter;
      this.out = out;
      this.writtenElsewhere = writtenElsewhere;
    }

    void accept(RecordedEvent e) {
      writing = !writtenElsewhere.test(e.seq());
      switch (e.type()) {
        case NODE_TRANSITION -> {
          NodeTransition p = e.payload(NodeTransition.class);
          String node = p.to();
          ArrayNode input = JSON.createArrayNode();
          if (p.system() != null) {
            input.addObject().put("role", "system").put("content", scrub(p.system()));
          }
          inputByNode.put(node, input);
          modelSpoke.put(node, false);
        }
        case USER_MESSAGE -> {
          // The prompt is what the node was given before the model first answered.
          if (e.node() != null && inputByNode.containsKey(e.node()) && !modelSpoke.get(e.node())) {
            inputByNode
                .get(e.node())
                .addObject()
                .put("role", "user")
                .put("content", scrub(e.payload(UserMessage.class).text()));
          }
        }
        case MODEL_RESPONSE -> {
          if (e.node() != null) {
            modelSpoke.put(e.node(), true);
          }
        }
        case GATE_OPENED -> {
          GateOpened p = e.payload(GateOpened.class);
          JsonNode subject = p.subject() == null ? JSON.missingNode() : p.subject();
          if (!"plan".equals(p.kind())
              || !subject.hasNonNull("plan")
              || (nodeFilter != null && !nodeFilter.equals(e.node()))) {
            return;
          }
          ArrayNode input = inputByNode.get(e.node());
          opened.put(
              e.seq(),
              new Opened(
                  subject.get("plan").asText(),
                  input == null ? JSON.createArrayNode() : input.deepCopy()));
        }
        case GATE_DECIDED -> decided(e.payload(GateDecided.class));
        default -> {}
      }
    }

    private void decided(GateDecided p) {
      Opened gate = opened.remove(p.gateSeq());
      if (gate == null) {
        return;
      }
      switch (p.decision()) {
        case "rejected" -> rejected.add(gate);
        case "approved" -> {
          for (Opened r : rejected) {
            pair(r.input(), gate.plan(), r.plan());
          }
          rejected.clear();
        }
        case "edited" -> {
          String edited = render(p.change() == null ? JSON.missingNode() : p.change());
          pair(gate.input(), edited, gate.plan());
          for (Opened r : rejected) {
            pair(r.input(), edited, r.plan());
          }
          rejected.clear();
        }
        default -> {}
      }
    }

    private void pair(ArrayNode input, String preferred, String nonPreferred) {
      if (!writing || preferred.strip().equals(nonPreferred.strip()) || input.isEmpty()) {
        return;
      }
      ObjectNode line = JSON.createObjectNode();
      line.putObject("input").set("messages", input);
      line.putArray("preferred_output")
          .addObject()
          .put("role", "assistant")
          .put("content", scrub(preferred));
      line.putArray("non_preferred_output")
          .addObject()
          .put("role", "assistant")
          .put("content", scrub(nonPreferred));
      writeLine(out, line);
      written++;
    }
  }

  // ---------------------------------------------------------------- fork (branch) pairs

  /**
   * Pairs the branches of forked runs whose outcomes differ. Two runs are branches when one is a
   * fork of the other or both are forks of one run; they share their history up to the last step
   * both lineages read from the same run, and the node running there is where they part.
   */
  private final class BranchPairs {
    private final String nodeFilter;
    private final Writer out;
    private final Set<Long> withPairs;
    long written;
    long dropped;

    BranchPairs(String nodeFilter, Writer out, Set<Long> withPairs) {
      this.nodeFilter = nodeFilter;
      this.out = out;
      this.withPairs = withPairs;
    }

    void write(List<RunInfo> runs, BooleanSupplier cancelled) {
      Map<Long, RunInfo> selected = new LinkedHashMap<>();
      runs.forEach(r -> selected.put(r.id(), r));
      for (RunInfo r : runs) {
        if (r.parentRunId() == null || r.forkSeq() == null) {
          continue;
        }
        List<RunInfo> others = new ArrayList<>();
        RunInfo parent = selected.get(r.parentRunId());
        if (parent != null) {
          others.add(parent);
        }
        for (RunInfo s : runs) {
          if (s.id() < r.id() && r.parentRunId().equals(s.parentRunId()) && s.forkSeq() != null) {
            others.add(s);
          }
        }
        for (RunInfo o : others) {
          checkCancelled(cancelled);
          RunInfo good = succeeded(r) && failed(o) ? r : succeeded(o) && failed(r) ? o : null;
          if (good != null) {
            pair(good, good == r ? o : r);
          }
        }
      }
    }

    private static boolean succeeded(RunInfo r) {
      return r.status() == org.benchwright.engine.project.RunStatus.SUCCEEDED;
    }

    private static boolean failed(RunInfo r) {
      return r.status() == org.benchwright.engine.project.RunStatus.FAILED;
    }

    private void pair(RunInfo good, RunInfo bad) {
      long point = sharedUpTo(project.runs().lineage(good.id()), project.runs().lineage(bad.id()));
      RecordedEvent entered =
          point < 1
              ? null
              : project
                  .events()
                  .lastOf(good.id(), Set.of(EventType.NODE_TRANSITION), point)
                  .orElse(null);
      if (entered == null) {
        dropped++;
        return;
      }
      String node = entered.payload(NodeTransition.class).to();
      if (nodeFilter != null && !nodeFilter.equals(node)) {
        return;
      }
      // The prompt is rendered as the chat episodes are, from the node's start to the point.
      Episodes episode = new Episodes(null, Writer.nullWriter());
      try (var events = project.events().stream(good.id(), entered.seq())) {
        events.takeWhile(e -> e.seq() <= point).forEach(episode::accept);
      }
      ArrayNode prompt = episode.conversationSoFar();
      String chosen = prompt == null ? null : nextAnswer(good.id(), point, node);
      String rejected = prompt == null ? null : nextAnswer(bad.id(), point, node);
      if (chosen == null || rejected == null || chosen.strip().equals(rejected.strip())) {
        dropped++;
        return;
      }
      ObjectNode line = JSON.createObjectNode();
      line.putObject("input").set("messages", prompt);
      line.putArray("preferred_output").addObject().put("role", "assistant").put("content", chosen);
      line.putArray("non_preferred_output")
          .addObject()
          .put("role", "assistant")
          .put("content", rejected);
      writeLine(out, line);
      written++;
      withPairs.add(good.id());
      withPairs.add(bad.id());
    }

    /**
     * The first answer of the node on a branch after the point, as text; null when the node ends
     * first, or the conversation changed before it (a user message or tool result the other branch
     * need not have had), so the prompt would not be what this answer answered.
     */
    private String nextAnswer(long runId, long point, String node) {
      try (var events = project.events().stream(runId, point + 1)) {
        Iterator<RecordedEvent> it = events.iterator();
        while (it.hasNext()) {
          RecordedEvent e = it.next();
          switch (e.type()) {
            case NODE_TRANSITION, OUTCOME -> {
              return null;
            }
            case USER_MESSAGE, TOOL_RESULT -> {
              if (node.equals(e.node())) {
                return null;
              }
            }
            case MODEL_RESPONSE -> {
              if (node.equals(e.node())) {
                return answerText(e.payload(ModelResponse.class));
              }
            }
            default -> {}
          }
        }
      }
      return null;
    }
  }

  /**
   * The last step two lineages read from the same run: where two branches part. 0 when they share
   * nothing.
   */
  static long sharedUpTo(List<Lineage.Segment> a, List<Lineage.Segment> b) {
    long shared = 0;
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      var x = a.get(i);
      var y = b.get(i);
      if (x.runId() != y.runId() || x.from() != y.from()) {
        break;
      }
      shared = Math.min(x.to(), y.to());
      if (x.to() != y.to()) {
        break;
      }
    }
    return shared;
  }

  /**
   * One assistant turn as the text of a preference output, which holds one message of text only:
   * its text, then each tool call as a {@code <tool_call>{"name": ..., "arguments":
   * ...}</tool_call>} line (the convention open chat templates use for calls written as text).
   * Scrubbed like the chat lines; reasoning left out as there. Null when the turn says nothing.
   */
  private String answerText(ModelResponse p) {
    JsonNode ai = parse(p.response()).path("ai_message");
    if (!"AI".equals(ai.path("type").asText())) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    if (ai.hasNonNull("text") && !ai.get("text").asText().isEmpty()) {
      sb.append(scrub(ai.get("text").asText()));
    }
    for (JsonNode call : ai.path("toolExecutionRequests")) {
      ObjectNode c = JSON.createObjectNode().put("name", call.path("name").asText());
      String args = scrubArguments(call.path("arguments").asText(null));
      try {
        c.set("arguments", JSON.readTree(args));
      } catch (JsonProcessingException notJson) {
        c.put("arguments", args);
      }
      if (!sb.isEmpty()) {
        sb.append('\n');
      }
      sb.append("<tool_call>").append(c).append("</tool_call>");
    }
    return sb.isEmpty() ? null : sb.toString();
  }

  /** An edited plan as the plan gate shows plans: its text, then its items. */
  static String render(JsonNode change) {
    StringBuilder sb = new StringBuilder(change.path("plan").asText()).append('\n');
    for (JsonNode i : change.path("items")) {
      sb.append("- [")
          .append(i.path("status").asText("todo"))
          .append("] ")
          .append(i.path("text").asText())
          .append('\n');
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------- helpers

  private String scrub(String s) {
    return scrubber.scrub(s);
  }

  private String outcomeOf(long runId) {
    long last = project.events().lastSeq(runId);
    return project.events().stream(runId, Math.max(last, 1))
        .findFirst()
        .filter(e -> e.type() == EventType.OUTCOME)
        .map(e -> e.payload(Outcome.class).outcome())
        .or(() -> project.runs().outcome(runId).map(o -> o[0]))
        .orElse(null);
  }

  private static boolean modelMatches(String configJson, String wanted) {
    if (configJson == null) {
      return false;
    }
    JsonNode c = parse(configJson);
    String model = c.path("model").asText("");
    String provider = c.path("provider").asText("");
    return wanted.equals(model) || wanted.equals(provider + ":" + model);
  }

  private static void writeLine(Writer out, ObjectNode line) {
    try {
      out.write(JSON.writeValueAsString(line));
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the export: " + e.getMessage(), e);
    }
  }

  private static void flush(Writer w) {
    if (w == null) {
      return;
    }
    try {
      w.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the export: " + e.getMessage(), e);
    }
  }

  private static void checkCancelled(BooleanSupplier cancelled) {
    if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
      throw new CancellationException("The export was cancelled.");
    }
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("An event is not JSON: " + e.getOriginalMessage(), e);
    }
  }
}
