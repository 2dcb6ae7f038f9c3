package org.benchwright.engine.capabilities;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import org.benchwright.engine.project.Capabilities;
import org.benchwright.engine.project.Capabilities.Entry;
import org.benchwright.engine.project.Capabilities.Version;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.sandbox.ExecResult;
import org.benchwright.engine.sandbox.Termination;
import org.benchwright.engine.skills.TextEmbedder;

/**
 * The capability registry of one project: the one entry point agents' tools, the CLI and the
 * desktop use to search, admit (test-first, verified), call, re-test, quarantine, export and import
 * capabilities. Rows live in {@link Capabilities}; generated code runs only in a {@link
 * CapabilitySandbox}.
 */
public final class CapabilityRegistry {

  /** Largest code or test file accepted (characters). */
  public static final int MAX_SOURCE = 100_000;

  /** Largest JSON result of a call that is read back (bytes). */
  static final int MAX_RESULT = 1_000_000;

  static final String FORMAT = "benchwright-capability";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<Project, CapabilityIndex> INDEXES = new WeakHashMap<>();
  private static final CapabilityIndex.QueryCache QUERIES = new CapabilityIndex.QueryCache();

  private final Project project;
  private final TextEmbedder embedder;

  public CapabilityRegistry(Project project, TextEmbedder embedder) {
    this.project = project;
    this.embedder = embedder;
  }

  /** The registry with the shared in-process MiniLM model. */
  public static CapabilityRegistry of(Project project) {
    return new CapabilityRegistry(project, TextEmbedder.miniLm());
  }

  // --- search ---------------------------------------------------------------------------------

  /**
   * The offered capabilities that fit a request, best first, with scores; those at or above the
   * threshold are marked {@link CapabilityHit#matches()}.
   */
  public List<CapabilityHit> search(String query, int limit, double threshold) {
    if (query == null || query.isBlank()) {
      return List.of();
    }
    CapabilityIndex index = index();
    return index.search(query, queryVector(query.strip()), limit, threshold);
  }

  private float[] queryVector(String query) {
    String key = embedder.modelName() + "\n" + query;
    float[] v = QUERIES.get(key);
    if (v == null) {
      v = embedder.embed(query);
      QUERIES.put(key, v);
    }
    return v;
  }

  private CapabilityIndex index() {
    String generation = project.capabilities().generation();
    synchronized (INDEXES) {
      CapabilityIndex cached = INDEXES.get(project);
      if (cached != null && cached.generation().equals(generation)) {
        return cached;
      }
    }
    CapabilityIndex built =
        CapabilityIndex.build(generation, project.capabilities().searchable(), embedder);
    synchronized (INDEXES) {
      INDEXES.put(project, built);
    }
    return built;
  }

  // --- admission ------------------------------------------------------------------------------

  /**
   * Runs the tests against the empty implementation: they must all fail.
   *
   * @throws IllegalArgumentException when the tests are not Python test source at all
   */
  public static TestOutcome red(
      CapabilitySpec spec, String tests, CapabilitySandbox box, Duration limit) {
    checkSource("tests", tests);
    return Verifier.red(spec, tests, box, limit);
  }

  /** Runs the tests against the code: they must all pass. */
  public static TestOutcome green(
      String code, String tests, CapabilitySandbox box, Duration limit) {
    checkSource("code", code);
    checkSource("tests", tests);
    return Verifier.green(TestOutcome.GREEN, code, tests, box, limit);
  }

  /** Where a version came from: the run and event that registered it, or a note (an import). */
  public record Origin(Long runId, Long seq, String note) {}

  /**
   * Registers a version whose tests failed empty and passed with the code, with both test runs.
   *
   * @param revises register the next version of an existing capability of that name
   * @throws IllegalArgumentException when either outcome does not admit it, or the name is taken
   *     (or unknown, for a revision); nothing is written then
   */
  public Version register(
      CapabilitySpec spec,
      String tests,
      String code,
      TestOutcome red,
      TestOutcome green,
      boolean revises,
      Origin origin) {
    if (!TestOutcome.RED.equals(red.phase()) || !red.admits()) {
      throw new IllegalArgumentException(
          "Not registered: the tests did not fail against the empty implementation"
              + (red.reason() == null ? "." : ": " + red.reason()));
    }
    if (!TestOutcome.GREEN.equals(green.phase()) || !green.admits()) {
      throw new IllegalArgumentException(
          "Not registered: the tests do not pass against the code"
              + (green.reason() == null ? "." : ": " + green.reason()));
    }
    checkSource("code", code);
    checkSource("tests", tests);
    return project
        .capabilities()
        .register(
            newVersion(spec, tests, code, revises, origin, Capabilities.ACTIVE),
            List.of(red.record(origin.runId()), green.record(origin.runId())));
  }

  private Capabilities.NewVersion newVersion(
      CapabilitySpec spec,
      String tests,
      String code,
      boolean revises,
      Origin origin,
      String status) {
    return new Capabilities.NewVersion(
        spec.name(),
        revises,
        spec.description(),
        spec.parameters().toString(),
        spec.result().toString(),
        spec.examples().toString(),
        code,
        tests,
        embedder.embed(CapabilityIndex.embeddedText(spec.name(), spec.description())),
        embedder.modelName(),
        origin.runId(),
        origin.seq(),
        origin.note(),
        status);
  }

  static void checkSource(String what, String source) {
    if (source == null || source.isBlank()) {
      throw new IllegalArgumentException("The " + what + " are empty.");
    }
    if (source.length() > MAX_SOURCE) {
      throw new IllegalArgumentException(
          "The " + what + " have " + source.length() + " characters; at most " + MAX_SOURCE + ".");
    }
  }

  // --- reading --------------------------------------------------------------------------------

  public List<Entry> list() {
    return project.capabilities().list();
  }

  public Optional<Entry> get(String name) {
    return project.capabilities().get(name);
  }

  /** The spec of a stored version. */
  public static CapabilitySpec spec(Version v) {
    try {
      ObjectNode o = JSON.createObjectNode();
      o.put("name", v.name());
      o.put("description", v.description());
      o.set("parameters", JSON.readTree(v.parametersSchema()));
      o.set("result", JSON.readTree(v.resultSchema()));
      o.set("examples", JSON.readTree(v.examples()));
      return new CapabilitySpec(
          v.name(),
          v.description(),
          (ObjectNode) o.get("parameters"),
          o.get("result"),
          (ArrayNode) o.get("examples"));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Stored capability " + v.name() + " is not readable", e);
    }
  }

  // --- calls ----------------------------------------------------------------------------------

  /**
   * What a call returned: the value (valid against the result schema), or the error the model or
   * user reads.
   */
  public record CallResult(boolean ok, JsonNode value, String error, int version) {}

  /**
   * Calls the newest version of an offered capability in the sandbox. The arguments are checked
   * against the parameter schema before anything runs, and the value against the result schema
   * after; every call and how it ended is counted.
   */
  public CallResult call(
      String name,
      JsonNode arguments,
      CapabilitySandbox box,
      Duration limit,
      Long runId,
      Long seq) {
    Optional<Entry> e = get(name);
    if (e.isEmpty()) {
      return new CallResult(false, null, "There is no capability named '" + name + "'.", 0);
    }
    if (!e.get().offered()) {
      return new CallResult(
          false,
          null,
          "Capability '"
              + name
              + "' is "
              + e.get().status()
              + (e.get().statusReason() == null ? "" : " (" + e.get().statusReason() + ")")
              + " and is not offered.",
          e.get().latest().version());
    }
    Version v = e.get().latest();
    CapabilitySpec spec = spec(v);
    JsonNode args = arguments == null ? JSON.createObjectNode() : arguments;
    List<String> bad = spec.argumentProblems(args);
    if (!bad.isEmpty()) {
      return new CallResult(
          false,
          null,
          "The arguments do not match "
              + name
              + "'s parameters "
              + spec.parameters()
              + ":\n- "
              + String.join("\n- ", bad),
          v.version());
    }
    project.capabilities().recordUse(name, v.version(), "called", runId, seq);
    CallResult r = runCall(spec, v, args, box, limit);
    project
        .capabilities()
        .recordUse(name, v.version(), r.ok() ? "succeeded" : "failed", runId, seq);
    return r;
  }

  private static CallResult runCall(
      CapabilitySpec spec, Version v, JsonNode args, CapabilitySandbox box, Duration limit) {
    CapabilitySandbox.Ran ran =
        box.run(
            Harness.callFiles(spec, v.code(), args.toString()),
            Harness.CALL,
            limit,
            List.of(Harness.RESULT));
    ExecResult r = ran.result();
    if (r.termination() != Termination.EXIT) {
      return new CallResult(
          false,
          null,
          "The call did not finish: "
              + r.termination().name().toLowerCase(java.util.Locale.ROOT)
              + (r.detail() == null ? "" : " (" + r.detail() + ")"),
          v.version());
    }
    byte[] out = ran.fetched().get(Harness.RESULT);
    if (out == null || out.length > MAX_RESULT) {
      return new CallResult(
          false,
          null,
          out == null
              ? "The call left no result (exit " + r.exitCode() + "): " + tail(r.stderrText())
              : "The result is larger than " + MAX_RESULT + " bytes.",
          v.version());
    }
    JsonNode result;
    try {
      result = JSON.readTree(new String(out, StandardCharsets.UTF_8));
    } catch (java.io.IOException ex) {
      return new CallResult(false, null, "The result is not JSON.", v.version());
    }
    if (!result.path("ok").asBoolean(false)) {
      return new CallResult(
          false,
          null,
          "The capability raised "
              + result.path("error").asText("an error")
              + "\n"
              + tail(result.path("traceback").asText("")),
          v.version());
    }
    JsonNode value = result.get("value");
    List<String> bad = spec.resultProblems(value);
    if (!bad.isEmpty()) {
      return new CallResult(
          false,
          null,
          "The capability returned "
              + abbreviate(String.valueOf(value))
              + ", which is not what its result schema "
              + spec.result()
              + " allows:\n- "
              + String.join("\n- ", bad),
          v.version());
    }
    return new CallResult(true, value, null, v.version());
  }

  // --- maintenance ----------------------------------------------------------------------------

  /**
   * Runs the newest version's tests again; a capability whose tests no longer pass is quarantined
   * (not offered), one that was quarantined or unverified and passes is offered again.
   */
  public TestOutcome retest(String name, CapabilitySandbox box, Duration limit) {
    Entry e =
        get(name)
            .orElseThrow(
                () -> new IllegalArgumentException("There is no capability named '" + name + "'."));
    Version v = e.latest();
    TestOutcome t = Verifier.green(TestOutcome.RETEST, v.code(), v.tests(), box, limit);
    project.capabilities().recordTest(v.id(), t.record(null));
    if (!t.admits()) {
      project
          .capabilities()
          .setStatus(name, Capabilities.QUARANTINED, "tests failed on re-run: " + t.reason());
    } else if (!e.offered()) {
      project.capabilities().setStatus(name, Capabilities.ACTIVE, null);
    }
    return t;
  }

  public boolean quarantine(String name, String reason) {
    return project.capabilities().setStatus(name, Capabilities.QUARANTINED, reason);
  }

  /** Offers a quarantined capability again (its tests are not re-run: that is {@link #retest}). */
  public boolean restore(String name) {
    return project.capabilities().setStatus(name, Capabilities.ACTIVE, null);
  }

  public boolean delete(String name) {
    return project.capabilities().delete(name);
  }

  // --- files ----------------------------------------------------------------------------------

  /** A capability with every version as one JSON document (what export writes, import reads). */
  public ObjectNode export(String name) {
    List<Version> versions = project.capabilities().versions(name);
    if (versions.isEmpty()) {
      throw new IllegalArgumentException("There is no capability named '" + name + "'.");
    }
    ObjectNode doc = JSON.createObjectNode();
    doc.put("format", FORMAT);
    doc.put("format_version", 1);
    doc.put("name", name);
    ArrayNode out = doc.putArray("versions");
    for (Version v : versions) {
      ObjectNode o = spec(v).toJson();
      o.remove("name");
      o.put("version", v.version());
      o.put("code", v.code());
      o.put("tests", v.tests());
      out.add(o);
    }
    return doc;
  }

  /**
   * Takes in an exported capability: every version is checked like a new one, stored as unverified
   * (not offered until its tests pass here: {@link #retest}).
   *
   * @throws IllegalArgumentException saying what is wrong; nothing is written then
   */
  public String importDocument(JsonNode doc, String note) {
    List<CapabilitySpec> specs = checkDocument(doc);
    String name = doc.path("name").asText();
    if (get(name).isPresent()) {
      throw new IllegalArgumentException(
          "A capability named '" + name + "' exists already in this project; delete it first.");
    }
    java.util.List<Capabilities.NewVersion> parsed = new java.util.ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      JsonNode v = doc.path("versions").get(i);
      parsed.add(
          newVersion(
              specs.get(i),
              v.path("tests").asText(),
              v.path("code").asText(),
              i > 0,
              new Origin(null, null, note),
              Capabilities.UNVERIFIED));
    }
    // A first version creates it, the others revise it; a failure part-way leaves the versions
    // before it, so remove the capability again if anything throws.
    try {
      for (Capabilities.NewVersion nv : parsed) {
        project.capabilities().register(nv, List.of());
      }
      project
          .capabilities()
          .setStatus(name, Capabilities.UNVERIFIED, "imported: run its tests to offer it");
    } catch (RuntimeException e) {
      project.capabilities().delete(name);
      throw e;
    }
    return name;
  }

  /**
   * Checks an exported capability document without writing anything: its format, and every version
   * as a new spec with its code and tests would be.
   *
   * @return the spec of each version, oldest first
   * @throws IllegalArgumentException saying what is wrong
   */
  public static List<CapabilitySpec> checkDocument(JsonNode doc) {
    if (doc == null || !FORMAT.equals(doc.path("format").asText())) {
      throw new IllegalArgumentException(
          "Not a capability file (its \"format\" is not \"" + FORMAT + "\").");
    }
    if (doc.path("format_version").asInt(0) != 1) {
      throw new IllegalArgumentException(
          "Capability file format_version " + doc.path("format_version") + " is not supported.");
    }
    JsonNode versions = doc.path("versions");
    if (!versions.isArray() || versions.isEmpty()) {
      throw new IllegalArgumentException("The capability file has no versions.");
    }
    String name = doc.path("name").asText();
    java.util.List<CapabilitySpec> specs = new java.util.ArrayList<>();
    for (JsonNode v : versions) {
      ObjectNode specJson = v.deepCopy();
      specJson.put("name", name);
      specs.add(CapabilitySpec.parse(specJson));
      checkSource("code", v.path("code").asText(null));
      checkSource("tests", v.path("tests").asText(null));
    }
    return specs;
  }

  private static String tail(String s) {
    return s.length() <= 2_000 ? s : "[... cut]\n" + s.substring(s.length() - 2_000);
  }

  private static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "…";
  }
}
