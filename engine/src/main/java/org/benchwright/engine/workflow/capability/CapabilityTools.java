package org.benchwright.engine.workflow.capability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.benchwright.engine.agent.Tool;
import org.benchwright.engine.agent.ToolContext;
import org.benchwright.engine.agent.ToolResult;
import org.benchwright.engine.agent.Tools;
import org.benchwright.engine.capabilities.CapabilityHit;
import org.benchwright.engine.capabilities.CapabilityRegistry;
import org.benchwright.engine.capabilities.CapabilitySandbox;
import org.benchwright.engine.capabilities.CapabilitySpec;
import org.benchwright.engine.capabilities.TestOutcome;
import org.benchwright.engine.project.Capabilities.Entry;
import org.benchwright.engine.project.Capabilities.Version;
import org.benchwright.engine.project.Event;
import org.benchwright.engine.project.EventPayload.Capability;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.RecordedEvent;

/**
 * The capability tools any workflow may name: find and read a capability, synthesize one test-first
 * (spec, tests that must fail empty, code that must pass them), call one, and answer through it.
 * Every step is a CAPABILITY event; nothing is registered that did not pass.
 */
final class CapabilityTools {

  static final String ANSWERED = "answered";
  static final String GAVE_UP = "gave_up";
  private static final int CANDIDATES = 5;
  private static final ObjectMapper JSON = new ObjectMapper();

  private CapabilityTools() {}

  static List<Tool> all() {
    return List.of(find(), read(), define(), writeTests(), writeCode(), call(), answer());
  }

  // --- find and read ---------------------------------------------------------------------------

  private static Tool find() {
    return Tools.tool(
        "find_capability",
        "Search the project's verified capabilities by meaning and keywords. Describe the"
            + " function you need (what it takes and returns), not the concrete values. Returns"
            + " candidates with scores; those marked MATCH reach the project's threshold and may"
            + " be called instead of writing a new one.",
        Tools.schema().addStringProperty("query").required("query").build(),
        (ctx, a) -> {
          String query = a.get("query").asText().strip();
          if (query.isEmpty()) {
            return ToolResult.error("Give a query: what the function you need does.");
          }
          double threshold = CapabilitySettings.threshold(ctx.project());
          List<CapabilityHit> hits =
              CapabilityRegistry.of(ctx.project()).search(query, CANDIDATES, threshold);
          ObjectNode data = JSON.createObjectNode();
          data.put("query", query);
          data.put("threshold", threshold);
          ArrayNode cands = data.putArray("candidates");
          StringBuilder text = new StringBuilder();
          for (CapabilityHit h : hits) {
            ObjectNode c = cands.addObject();
            c.put("name", h.name());
            c.put("version", h.version());
            c.put("score", round(h.score()));
            c.put("semantic", round(h.semantic()));
            c.put("keyword", round(h.keyword()));
            c.put("matches", h.matches());
            text.append(
                String.format(
                    Locale.ROOT,
                    "%s %s v%d score %.2f (meaning %.2f, words %.2f): %s%n",
                    h.matches() ? "MATCH" : "below",
                    h.name(),
                    h.version(),
                    h.score(),
                    h.semantic(),
                    h.keyword(),
                    h.description()));
          }
          boolean found = hits.stream().anyMatch(CapabilityHit::matches);
          long seq =
              record(
                  ctx,
                  new Capability(
                      found ? "search" : "not_found",
                      found ? hits.getFirst().name() : null,
                      found ? hits.getFirst().version() : null,
                      found,
                      found
                          ? "found " + hits.getFirst().name() + " for '" + query + "'"
                          : "no capability reaches " + threshold + " for '" + query + "'",
                      data));
          for (CapabilityHit h : hits) {
            if (h.matches()) {
              ctx.project()
                  .capabilities()
                  .recordUse(h.name(), h.version(), "found", ctx.runId(), seq);
            }
          }
          if (!found) {
            text.append(
                String.format(
                    Locale.ROOT,
                    "No capability reaches the threshold %.2f. Synthesize one: define_capability,"
                        + " then write_capability_tests, then write_capability_code.%n",
                    threshold));
          }
          return ToolResult.ok(text.toString());
        });
  }

  private static Tool read() {
    return Tools.tool(
        "read_capability",
        "Read a capability: its spec (parameter and result schemas, examples), code and tests.",
        Tools.schema().addStringProperty("name").required("name").build(),
        (ctx, a) -> {
          Optional<Entry> e = CapabilityRegistry.of(ctx.project()).get(a.get("name").asText());
          if (e.isEmpty()) {
            return ToolResult.error(
                "There is no capability named '" + a.get("name").asText() + "'.");
          }
          Version v = e.get().latest();
          return ToolResult.ok(
              "Status: "
                  + e.get().status()
                  + "\nSpec:\n"
                  + CapabilityRegistry.spec(v).toJson().toPrettyString()
                  + "\n\ncapability.py (v"
                  + v.version()
                  + "):\n"
                  + v.code()
                  + "\n\ntest_capability.py:\n"
                  + v.tests());
        });
  }

  // --- synthesis -------------------------------------------------------------------------------

  private static Tool define() {
    return Tools.tool(
        "define_capability",
        "Step 1 of synthesizing a capability: its spec, as JSON text {\"name\": a Python function"
            + " name, \"description\": what it does, \"parameters\": a JSON Schema of type object"
            + " whose properties are its keyword arguments, \"result\": a JSON Schema of what it"
            + " returns, \"examples\": [{\"arguments\": {...}, \"result\": ...}]}. Set revises to"
            + " true to write a new version of an existing capability.",
        Tools.schema()
            .addStringProperty("spec")
            .addBooleanProperty("revises")
            .required("spec")
            .build(),
        (ctx, a) -> {
          boolean revises = a.path("revises").asBoolean(false);
          CapabilitySpec spec;
          try {
            spec = CapabilitySpec.parse(JSON.readTree(a.get("spec").asText()));
          } catch (IOException e) {
            return refused(ctx, Draft.SPEC, null, "The spec is not JSON: " + e.getMessage());
          } catch (IllegalArgumentException e) {
            return refused(ctx, Draft.SPEC, null, e.getMessage());
          }
          boolean exists = CapabilityRegistry.of(ctx.project()).get(spec.name()).isPresent();
          if (exists && !revises) {
            return refused(
                ctx,
                Draft.SPEC,
                spec.name(),
                "A capability named '"
                    + spec.name()
                    + "' exists already: use it, choose another name, or set revises to true.");
          }
          if (!exists && revises) {
            return refused(
                ctx,
                Draft.SPEC,
                spec.name(),
                "There is no capability '" + spec.name() + "' to revise.");
          }
          ObjectNode data = JSON.createObjectNode();
          data.set("spec", spec.toJson());
          data.put("revises", revises);
          record(ctx, new Capability(Draft.SPEC, spec.name(), null, true, "spec accepted", data));
          return ToolResult.ok(
              "Spec of "
                  + spec.name()
                  + " accepted. Next: write_capability_tests with pytest tests in"
                  + " test_capability.py that import it (from capability import "
                  + spec.name()
                  + "); they must all fail against an empty implementation.");
        });
  }

  private static Tool writeTests() {
    return Tools.tool(
        "write_capability_tests",
        "Step 2: the pytest tests of the capability being synthesized (the whole of"
            + " test_capability.py; import the function with `from capability import NAME`)."
            + " They run at once in the sandbox against an empty implementation and must all"
            + " fail there.",
        Tools.schema().addStringProperty("tests").required("tests").build(),
        (ctx, a) -> {
          Optional<Draft> d = Draft.of(ctx.project(), ctx.runId());
          if (d.isEmpty()) {
            return ToolResult.error("Define the capability first (define_capability).");
          }
          String tests = a.get("tests").asText();
          TestOutcome red;
          try {
            red =
                CapabilityRegistry.red(
                    d.get().spec(),
                    tests,
                    CapabilitySandbox.inRun(ctx.sandbox().get(), ctx.node()),
                    CapabilitySettings.testLimit(ctx.project()));
          } catch (IllegalArgumentException e) {
            return refused(ctx, Draft.TESTS, d.get().spec().name(), e.getMessage());
          }
          ObjectNode data = JSON.createObjectNode();
          data.put("tests", tests);
          data.set("outcome", outcomeJson(red));
          record(
              ctx,
              new Capability(
                  Draft.TESTS,
                  d.get().spec().name(),
                  null,
                  red.admits(),
                  red.admits()
                      ? "all " + red.total() + " tests fail against the empty implementation"
                      : red.reason(),
                  data));
          if (!red.admits()) {
            return ToolResult.error(red.reason() + "\npytest output:\n" + red.output());
          }
          return ToolResult.ok(
              "All "
                  + red.total()
                  + " tests fail against the empty implementation, as they should. Next:"
                  + " write_capability_code with the implementation (capability.py).");
        });
  }

  private static Tool writeCode() {
    return new Tool() {
      private final dev.langchain4j.agent.tool.ToolSpecification spec =
          Tools.spec(
              "write_capability_code",
              "Step 3: the implementation (the whole of capability.py, defining the function the"
                  + " spec names). The tests run against it in the sandbox; when they all pass,"
                  + " the capability is registered. When they fail, read the output and fix the"
                  + " code (a bounded number of times).",
              Tools.schema().addStringProperty("code").required("code").build());

      @Override
      public dev.langchain4j.agent.tool.ToolSpecification spec() {
        return spec;
      }

      @Override
      public List<String> endsNodeWith() {
        return List.of(GAVE_UP);
      }

      @Override
      public ToolResult run(ToolContext ctx, JsonNode a) {
        return code(ctx, a.get("code").asText());
      }
    };
  }

  private static ToolResult code(ToolContext ctx, String code) {
    Optional<Draft> found = Draft.of(ctx.project(), ctx.runId());
    if (found.isEmpty()) {
      return ToolResult.error("Define the capability first (define_capability).");
    }
    Draft d = found.get();
    if (d.tests() == null) {
      return ToolResult.error(
          "Write the tests first (write_capability_tests): they must fail against an empty"
              + " implementation before any code is accepted.");
    }
    String name = d.spec().name();
    CapabilityRegistry registry = CapabilityRegistry.of(ctx.project());
    TestOutcome green;
    try {
      green =
          CapabilityRegistry.green(
              code,
              d.tests(),
              CapabilitySandbox.inRun(ctx.sandbox().get(), ctx.node()),
              CapabilitySettings.testLimit(ctx.project()));
    } catch (IllegalArgumentException e) {
      return refused(ctx, Draft.CODE, name, e.getMessage());
    }
    ObjectNode data = JSON.createObjectNode();
    data.put("code", code);
    data.set("outcome", outcomeJson(green));
    long seq =
        record(
            ctx,
            new Capability(
                Draft.CODE,
                name,
                null,
                green.admits(),
                green.admits() ? "all " + green.total() + " tests pass" : green.reason(),
                data));
    if (!green.admits()) {
      int failures = d.failedCode() + 1;
      int allowed = CapabilitySettings.maxFixes(ctx.project());
      if (failures > allowed) {
        record(
            ctx,
            new Capability(
                Draft.ABANDONED,
                name,
                null,
                false,
                "the code failed its tests " + failures + " times; nothing registered",
                null));
        return ToolResult.end(
            GAVE_UP,
            "Gave up on "
                + name
                + ": the code failed its tests "
                + failures
                + " times (the project allows "
                + allowed
                + " fixes). Nothing was registered.");
      }
      return ToolResult.error(
          green.reason()
              + " Fix the code ("
              + (allowed - failures + 1)
              + " attempts left).\npytest output:\n"
              + green.output());
    }
    Version v;
    try {
      v =
          registry.register(
              d.spec(),
              d.tests(),
              code,
              d.red(),
              green,
              d.revises(),
              new CapabilityRegistry.Origin(ctx.runId(), seq, null));
    } catch (IllegalArgumentException e) {
      return refused(ctx, Draft.REGISTERED, name, e.getMessage());
    }
    record(
        ctx,
        new Capability(
            Draft.REGISTERED,
            name,
            v.version(),
            true,
            "registered " + name + " v" + v.version(),
            null));
    return ToolResult.ok(
        "All "
            + green.total()
            + " tests pass: registered "
            + name
            + " v"
            + v.version()
            + ". Now call it (call_capability) to answer the request.");
  }

  // --- use -------------------------------------------------------------------------------------

  private static Tool call() {
    return Tools.tool(
        "call_capability",
        "Call a registered capability in the sandbox. arguments is JSON text of an object with"
            + " its keyword arguments, checked against its parameter schema before the call; the"
            + " value is checked against its result schema.",
        Tools.schema()
            .addStringProperty("name")
            .addStringProperty("arguments")
            .required("name", "arguments")
            .build(),
        (ctx, a) -> {
          String name = a.get("name").asText();
          JsonNode args;
          try {
            args = JSON.readTree(a.get("arguments").asText());
          } catch (IOException e) {
            return refusedCall(ctx, name, "The arguments are not JSON: " + e.getMessage());
          }
          if (args == null || !args.isObject()) {
            return refusedCall(
                ctx, name, "The arguments must be a JSON object of keyword arguments.");
          }
          long seq = ctx.lastSeq();
          CapabilityRegistry.CallResult r =
              CapabilityRegistry.of(ctx.project())
                  .call(
                      name,
                      args,
                      CapabilitySandbox.inRun(ctx.sandbox().get(), ctx.node()),
                      CapabilitySettings.callLimit(ctx.project()),
                      ctx.runId(),
                      seq);
          ObjectNode data = JSON.createObjectNode();
          data.set("arguments", args);
          if (r.ok()) {
            data.set("value", r.value());
          } else {
            data.put("error", r.error());
          }
          record(
              ctx,
              new Capability(
                  "call",
                  name,
                  r.version() == 0 ? null : r.version(),
                  r.ok(),
                  r.ok() ? "returned " + abbreviate(r.value().toString()) : r.error(),
                  data));
          return r.ok() ? ToolResult.ok("Returned: " + r.value()) : ToolResult.error(r.error());
        });
  }

  private static Tool answer() {
    return new Tool() {
      private final dev.langchain4j.agent.tool.ToolSpecification spec =
          Tools.spec(
              "answer",
              "Answer the request through a capability you called in this run: the answer text"
                  + " and the capability whose returned value it rests on.",
              Tools.schema()
                  .addStringProperty("answer")
                  .addStringProperty("capability")
                  .required("answer", "capability")
                  .build());

      @Override
      public dev.langchain4j.agent.tool.ToolSpecification spec() {
        return spec;
      }

      @Override
      public List<String> endsNodeWith() {
        return List.of(ANSWERED);
      }

      @Override
      public ToolResult run(ToolContext ctx, JsonNode a) {
        String name = a.get("capability").asText();
        Optional<Capability> callOk = lastGoodCall(ctx, name);
        if (callOk.isEmpty()) {
          return ToolResult.error(
              "No successful call of '"
                  + name
                  + "' in this run: call it (call_capability) and answer from what it returns.");
        }
        ObjectNode data = JSON.createObjectNode();
        data.put("answer", a.get("answer").asText());
        data.set("value", callOk.get().data().get("value"));
        record(
            ctx,
            new Capability(
                "answer", name, callOk.get().version(), true, a.get("answer").asText(), data));
        return ToolResult.end(ANSWERED, a.get("answer").asText());
      }
    };
  }

  private static Optional<Capability> lastGoodCall(ToolContext ctx, String name) {
    Capability last = null;
    try (var events =
        ctx.project().events().stream(ctx.runId(), EnumSet.of(EventType.CAPABILITY))) {
      for (RecordedEvent e : (Iterable<RecordedEvent>) events::iterator) {
        Capability c = e.payload(Capability.class);
        if ("call".equals(c.step()) && c.ok() && name.equals(c.name())) {
          last = c;
        }
      }
    }
    return Optional.ofNullable(last);
  }

  // --- helpers ---------------------------------------------------------------------------------

  private static ToolResult refused(ToolContext ctx, String step, String name, String reason) {
    record(ctx, new Capability(step, name, null, false, reason, null));
    return ToolResult.error(reason);
  }

  private static ToolResult refusedCall(ToolContext ctx, String name, String reason) {
    record(ctx, new Capability("call", name, null, false, reason, null));
    return ToolResult.error(reason);
  }

  private static long record(ToolContext ctx, Capability c) {
    return ctx.project().events().append(ctx.runId(), Event.of(ctx.node(), c));
  }

  static ObjectNode outcomeJson(TestOutcome t) {
    ObjectNode o = JSON.createObjectNode();
    o.put("admits", t.admits());
    if (t.reason() != null) {
      o.put("reason", t.reason());
    }
    o.put("total", t.total());
    o.put("failed", t.failed());
    if (t.exitCode() != null) {
      o.put("exit_code", t.exitCode());
    }
    o.put("termination", t.termination());
    o.put("output", t.output());
    o.put("duration_ms", t.durationMs());
    return o;
  }

  private static double round(double d) {
    return Math.round(d * 1000) / 1000.0;
  }

  private static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "…";
  }
}
