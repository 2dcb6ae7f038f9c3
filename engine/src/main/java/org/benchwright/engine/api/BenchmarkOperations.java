package org.benchwright.engine.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import org.benchwright.engine.project.BenchmarkDetail;
import org.benchwright.engine.project.BenchmarkInfo;

/** The project's stored benchmarks, newest first, and one with every seed's validation. */
final class BenchmarkOperations {

  private BenchmarkOperations() {}

  static void register(Routes r, Service s) {
    r.get("/benchmarks", "listBenchmarks", call -> list(s, call));
    r.get("/benchmarks/{benchmarkId}", "getBenchmark", call -> read(s, call));
  }

  private static Reply list(Service s, Call call) {
    int limit = call.queryLong("limit").map(Long::intValue).orElse(100);
    var before = call.queryLong("before");
    List<BenchmarkInfo> page =
        s.project().benchmarks().list().stream()
            .filter(b -> before.isEmpty() || b.id() < before.get())
            .limit(limit + 1L)
            .toList();
    ObjectNode body = ApiServer.JSON.createObjectNode();
    var array = body.putArray("benchmarks");
    page.stream().limit(limit).forEach(b -> array.add(summary(b)));
    if (page.size() > limit) {
      body.put("next", page.get(limit - 1).id());
    } else {
      body.putNull("next");
    }
    return Reply.ok(body);
  }

  private static ObjectNode summary(BenchmarkInfo b) {
    ObjectNode n = ApiServer.JSON.createObjectNode();
    n.put("id", b.id());
    n.put("uid", b.uid());
    n.put("name", b.name());
    n.put("run", b.runId());
    n.put("status", b.status());
    n.put("variants", b.variants());
    n.put("passedVariants", b.passedVariants());
    n.put("createdAt", b.createdAt().toString());
    return n;
  }

  private static Reply read(Service s, Call call) {
    long id = call.pathLong("benchmarkId");
    BenchmarkDetail d =
        s.project()
            .benchmarks()
            .find(id)
            .orElseThrow(() -> ApiProblem.notFound("No benchmark " + id + " in this project."));
    ObjectNode n = summary(d.info());
    n.put("generatorSha256", d.generatorSha256());
    n.set("objectives", json(d.objectivesJson()));
    n.set("constraints", json(d.constraintsJson()));
    n.put("expectedSolution", d.expectedSolutionNote());
    var variants = n.putArray("seeds");
    for (BenchmarkDetail.Variant v : d.variants()) {
      ObjectNode o = variants.addObject();
      o.put("seed", v.seed());
      o.put("passed", v.passed());
      o.put("sceneSha256", v.mjcfSha256());
      ObjectNode assets = o.putObject("assets");
      v.assets().forEach(assets::put);
      JsonNode report = v.validationReportJson() == null ? null : json(v.validationReportJson());
      o.set("validation", report != null && report.isObject() ? report : null);
    }
    return Reply.ok(n);
  }

  /** Stored JSON (checked when the benchmark was saved) as a tree. */
  private static JsonNode json(String text) {
    try {
      return ApiServer.JSON.readTree(text);
    } catch (IOException e) {
      // Checked when it was saved: unreadable now means a damaged file, a server error.
      throw new java.io.UncheckedIOException("A stored benchmark's JSON is unreadable", e);
    }
  }
}
