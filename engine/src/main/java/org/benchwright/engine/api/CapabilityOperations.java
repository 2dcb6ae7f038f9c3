package org.benchwright.engine.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.benchwright.engine.capabilities.CapabilityHit;
import org.benchwright.engine.capabilities.CapabilityRegistry;
import org.benchwright.engine.capabilities.CapabilitySpec;
import org.benchwright.engine.project.Capabilities;
import org.benchwright.engine.project.Capabilities.Entry;

/**
 * Synthesized capabilities: search by meaning and words (what the CLI's {@code capabilities search}
 * and the agents' tool rank with), and one capability with its spec, code and verification.
 */
final class CapabilityOperations {

  /** The CLI's default score for a match an agent may reuse. */
  static final double THRESHOLD = 0.75;

  private CapabilityOperations() {}

  static void register(Routes r, Service s) {
    r.get("/capabilities", "searchCapabilities", call -> search(s, call));
    r.get("/capabilities/{name}", "getCapability", call -> read(s, call));
  }

  private static Reply search(Service s, Call call) {
    CapabilityRegistry registry = CapabilityRegistry.of(s.project());
    int limit = call.queryLong("limit").map(Long::intValue).orElse(10);
    double threshold = call.query("threshold").map(Double::parseDouble).orElse(THRESHOLD);
    ObjectNode body = ApiServer.JSON.createObjectNode();
    var array = body.putArray("capabilities");
    var query = call.query("q").filter(q -> !q.isBlank());
    if (query.isEmpty()) {
      // No query: every capability, whatever its status (as `capabilities list`).
      registry.list().stream()
          .limit(limit)
          .forEach(
              e ->
                  array
                      .addObject()
                      .put("name", e.name())
                      .put("version", e.latest().version())
                      .put("description", e.latest().description())
                      .put("status", e.status())
                      .putNull("score")
                      .putNull("semantic")
                      .putNull("keyword")
                      .put("matches", false));
      return Reply.ok(body);
    }
    for (CapabilityHit h : registry.search(query.get(), limit, threshold)) {
      array
          .addObject()
          .put("name", h.name())
          .put("version", h.version())
          .put("description", h.description())
          // Search offers only active capabilities.
          .put("status", Capabilities.ACTIVE)
          .put("score", h.score())
          .put("semantic", h.semantic())
          .put("keyword", h.keyword())
          .put("matches", h.matches());
    }
    return Reply.ok(body);
  }

  private static Reply read(Service s, Call call) {
    String name = call.pathString("name");
    Entry e =
        CapabilityRegistry.of(s.project())
            .get(name)
            .orElseThrow(
                () -> ApiProblem.notFound("No capability named '" + name + "' in this project."));
    var v = e.latest();
    CapabilitySpec spec = CapabilityRegistry.spec(v);
    ObjectNode n = ApiServer.JSON.createObjectNode();
    n.put("name", e.name());
    n.put("status", e.status());
    n.put("statusReason", e.statusReason());
    n.put("offered", e.offered());
    n.put("version", v.version());
    n.put("description", v.description());
    n.set("parameters", spec.parameters());
    n.set("result", spec.result());
    n.set("examples", spec.examples());
    n.put("code", v.code());
    n.put("tests", v.tests());
    n.putObject("origin")
        .put("run", v.originRunId())
        .put("seq", v.originSeq())
        .put("note", v.originNote());
    n.put("createdAt", v.createdAt().toString());
    var runs = n.putArray("testRuns");
    for (var t : s.project().capabilities().testRuns(name)) {
      runs.addObject()
          .put("version", t.version())
          .put("phase", t.phase())
          .put("passed", t.passed())
          .put("total", t.total())
          .put("failed", t.failed())
          .put("termination", t.termination())
          .put("durationMs", t.durationMs())
          .put("run", t.runId())
          .put("at", t.at().toString());
    }
    Capabilities.Counters c = e.counters();
    n.putObject("uses")
        .put("found", c.found())
        .put("called", c.called())
        .put("succeeded", c.succeeded())
        .put("failed", c.failed())
        .put("lastUsed", c.lastUsed() == null ? null : c.lastUsed().toString());
    return Reply.ok(n);
  }
}
