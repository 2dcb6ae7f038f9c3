package org.benchwright.engine.workflow.engineer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.benchwright.engine.agent.Tool;
import org.benchwright.engine.agent.ToolContext;
import org.benchwright.engine.agent.ToolResult;
import org.benchwright.engine.agent.Tools;
import org.benchwright.engine.cad.CadTables;
import org.benchwright.engine.cad.Caps;
import org.benchwright.engine.cad.Manufacturing;
import org.benchwright.engine.cad.ManufacturingProcess;
import org.benchwright.engine.cad.ManufacturingReport;
import org.benchwright.engine.cad.Mesh;
import org.benchwright.engine.cad.MeshAnalysis;
import org.benchwright.engine.cad.MeshFormatException;
import org.benchwright.engine.cad.MeshRenderer;
import org.benchwright.engine.cad.MeshStats;
import org.benchwright.engine.cad.Meshes;
import org.benchwright.engine.cad.Part;
import org.benchwright.engine.mjcf.BenchmarkScene;
import org.benchwright.engine.mjcf.SolutionFormatException;
import org.benchwright.engine.mjcf.SolutionScene;

/**
 * The engineer's free tools over the {@code cad} feature: {@code preview} (mesh statistics and a
 * rendered image written as a run file) and {@code validate_and_price} (per part and process:
 * manufacturability checks, weight and unit cost at the target quantity, against the benchmark's
 * caps, recorded as a verdict).
 */
final class CadTools {

  static final String PRICE_CHECK = "validate_and_price";
  static final String PREVIEWS = "previews";
  static final int WIDTH = 640;
  static final int HEIGHT = 480;

  private static final ObjectMapper JSON = new ObjectMapper();

  private CadTools() {}

  static Tool preview() {
    return Tools.tool(
        "preview",
        "Mesh statistics (size, volume, area, watertightness, bodies) and a rendered image of a"
            + " part (an .stl or .obj file) or of the assembly (the solution's MJCF fragment: its"
            + " mesh parts drawn where it places them). Returns the image's path.",
        JsonObjectSchema.builder()
            .addStringProperty("path", "a run file: solution/ramp.stl or solution/assembly.xml")
            .required("path")
            .build(),
        CadTools::preview);
  }

  static Tool validateAndPrice() {
    return Tools.tool(
        PRICE_CHECK,
        "Check and price parts per manufacturing process (printing, cnc, injection_molding):"
            + " watertight single body, process checks, weight, unit cost at the target quantity;"
            + " the totals are compared with the benchmark's caps. Leave process out to compare"
            + " all three (the cheapest that passes counts). Recorded as an evidence event.",
        JsonObjectSchema.builder()
            .addProperty(
                "parts",
                JsonArraySchema.builder()
                    .items(
                        JsonObjectSchema.builder()
                            .addStringProperty("path", "the part's mesh, in millimetres")
                            .addStringProperty("material", "from the materials table, e.g. pla")
                            .addProperty(
                                "process",
                                JsonEnumSchema.builder()
                                    .enumValues(
                                        java.util.Arrays.stream(ManufacturingProcess.values())
                                            .map(ManufacturingProcess::id)
                                            .toList())
                                    .build())
                            .addIntegerProperty("copies", "identical copies in one unit, default 1")
                            .required("path", "material")
                            .build())
                    .build())
            .addIntegerProperty("quantity", "units to make; default the benchmark's target")
            .required("parts")
            .build(),
        CadTools::validateAndPrice);
  }

  private static ToolResult preview(ToolContext ctx, JsonNode a) {
    String path = a.get("path").asText();
    Optional<byte[]> content = Simulation.file(ctx.project(), ctx.runId(), path);
    if (content.isEmpty()) {
      return ToolResult.error("No file '" + path + "'. Use list_files to see the run's files.");
    }
    StringBuilder sb = new StringBuilder();
    Mesh drawn;
    try {
      if (path.toLowerCase(Locale.ROOT).endsWith(".xml")) {
        drawn = assembly(ctx, path, content.get(), sb);
      } else {
        drawn = Meshes.read(path, content.get());
        sb.append(describe(path, MeshAnalysis.analyze(drawn)));
      }
    } catch (MeshFormatException | SolutionFormatException e) {
      return ToolResult.error(e.getMessage());
    } catch (IllegalArgumentException e) {
      return ToolResult.error(e.getMessage());
    }
    String name = path.substring(path.lastIndexOf('/') + 1);
    String png = PREVIEWS + "/" + name.replaceAll("\\.[^.]*$", "") + ".png";
    ctx.project()
        .files()
        .write(ctx.runId(), ctx.node(), png, MeshRenderer.renderPng(drawn, WIDTH, HEIGHT));
    return ToolResult.ok(
        sb.append("Rendered ")
            .append(png)
            .append(" (")
            .append(WIDTH)
            .append("x")
            .append(HEIGHT)
            .append(", isometric from +X -Y +Z).")
            .toString());
  }

  /** Every mesh part where the assembly places it, in one mesh (metres, world coordinates). */
  private static Mesh assembly(ToolContext ctx, String path, byte[] xml, StringBuilder sb) {
    List<SolutionScene.MeshPlacement> placed = SolutionScene.placements(xml);
    if (placed.isEmpty()) {
      throw new IllegalArgumentException(path + " places no mesh geom: there is nothing to draw.");
    }
    String dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/') + 1) : "";
    List<float[]> points = new ArrayList<>();
    List<int[]> triangles = new ArrayList<>();
    int offset = 0;
    for (SolutionScene.MeshPlacement p : placed) {
      String file = dir + p.file();
      byte[] bytes =
          Simulation.file(ctx.project(), ctx.runId(), file)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "Geom '" + p.geom() + "' uses " + file + ", which does not exist yet."));
      Mesh part = Meshes.read(file, bytes);
      sb.append(describe(p.geom() + " (" + file + ")", MeshAnalysis.analyze(part)));
      float[] v = part.points();
      float[] w = new float[v.length];
      for (int i = 0; i < v.length; i += 3) {
        double x = v[i] * p.scale()[0], y = v[i + 1] * p.scale()[1], z = v[i + 2] * p.scale()[2];
        double[] r = p.rotation();
        w[i] = (float) (r[0] * x + r[1] * y + r[2] * z + p.translation()[0]);
        w[i + 1] = (float) (r[3] * x + r[4] * y + r[5] * z + p.translation()[1]);
        w[i + 2] = (float) (r[6] * x + r[7] * y + r[8] * z + p.translation()[2]);
      }
      int[] t = part.triangles().clone();
      for (int i = 0; i < t.length; i++) {
        t[i] += offset;
      }
      offset += v.length / 3;
      points.add(w);
      triangles.add(t);
    }
    float[] allPoints = new float[offset * 3];
    int at = 0;
    for (float[] w : points) {
      System.arraycopy(w, 0, allPoints, at, w.length);
      at += w.length;
    }
    int[] allTriangles = new int[triangles.stream().mapToInt(t -> t.length).sum()];
    at = 0;
    for (int[] t : triangles) {
      System.arraycopy(t, 0, allTriangles, at, t.length);
      at += t.length;
    }
    return Mesh.of(allPoints, allTriangles);
  }

  private static String describe(String what, MeshStats s) {
    return String.format(
        Locale.ROOT,
        "%s: %d vertices, %d triangles; size %.1f x %.1f x %.1f (file units, mm for OpenSCAD);"
            + " volume %.1f (%.2f cm3 if mm); area %.1f; %s; %d bod%s%n",
        what,
        s.vertices(),
        s.triangles(),
        s.bounds().sizeX(),
        s.bounds().sizeY(),
        s.bounds().sizeZ(),
        s.volume(),
        s.volume() / 1000,
        s.surfaceArea(),
        s.watertight()
            ? "watertight"
            : "NOT watertight ("
                + s.boundaryEdges()
                + " open edges, "
                + s.nonManifoldEdges()
                + " non-manifold)",
        s.bodies(),
        s.bodies() == 1 ? "y" : "ies");
  }

  private static ToolResult validateAndPrice(ToolContext ctx, JsonNode a) {
    BenchmarkScene bench = null;
    try {
      bench = Simulation.benchmark(ctx.project(), ctx.runId());
    } catch (IllegalArgumentException e) {
      if (!a.hasNonNull("quantity")) {
        return ToolResult.error(e.getMessage() + " Give the quantity to price for.");
      }
    }
    long quantity =
        a.hasNonNull("quantity")
            ? a.get("quantity").asLong()
            : bench.constraints().targetQuantity();
    if (quantity < 1 || quantity > Integer.MAX_VALUE) {
      return ToolResult.error("quantity must be at least 1; got " + quantity + ".");
    }
    if (a.get("parts").isEmpty()) {
      return ToolResult.error("List at least one part: {\"path\": ..., \"material\": ...}.");
    }
    CadTables tables;
    try {
      tables = CadTables.from(ctx.project().settings());
    } catch (RuntimeException e) {
      return ToolResult.error("The project's cad tables cannot be read: " + e.getMessage());
    }
    StringBuilder report = new StringBuilder();
    ArrayNode parts = JSON.createArrayNode();
    double unitCost = 0;
    double weightG = 0;
    boolean allParts = true;
    for (JsonNode p : a.get("parts")) {
      String path = p.get("path").asText();
      Optional<byte[]> bytes = Simulation.file(ctx.project(), ctx.runId(), path);
      if (bytes.isEmpty()) {
        return ToolResult.error("No file '" + path + "'. Export the part first (run_command).");
      }
      int copies = p.hasNonNull("copies") ? p.get("copies").asInt() : 1;
      List<ManufacturingProcess> processes =
          p.hasNonNull("process")
              ? List.of(ManufacturingProcess.fromId(p.get("process").asText()))
              : List.of(ManufacturingProcess.values());
      List<ManufacturingReport> reports = new ArrayList<>();
      try {
        Mesh mesh = Meshes.read(path, bytes.get());
        for (ManufacturingProcess process : processes) {
          reports.add(
              Manufacturing.evaluate(
                  new Part(path, mesh, p.get("material").asText(), process, (int) quantity, copies),
                  tables,
                  Caps.NONE));
        }
      } catch (MeshFormatException e) {
        return ToolResult.error(e.getMessage());
      } catch (IllegalArgumentException e) {
        return ToolResult.error(path + ": " + e.getMessage());
      }
      ManufacturingReport chosen =
          reports.stream()
              .sorted(
                  Comparator.comparing((ManufacturingReport r) -> !r.passed())
                      .thenComparingDouble(ManufacturingReport::unitCostUsd))
              .findFirst()
              .orElseThrow();
      reports.forEach(r -> report.append(r.summary()));
      if (reports.size() > 1) {
        report
            .append("  -> counted: ")
            .append(chosen.process().id())
            .append(chosen.passed() ? "" : " (no process passes every check)")
            .append('\n');
      }
      allParts &= chosen.passed();
      unitCost += chosen.unitCostUsd();
      weightG += chosen.totalMassG();
      ObjectNode part =
          JSON.createObjectNode()
              .put("path", path)
              .put("material", chosen.material().name())
              .put("process", chosen.process().id())
              .put("copies", copies)
              .put("passed", chosen.passed())
              .put("unit_cost_usd", chosen.unitCostUsd())
              .put("weight_g", chosen.totalMassG());
      parts.add(part);
    }
    boolean withinCaps = true;
    report.append(
        String.format(
            Locale.ROOT,
            "total per unit at quantity %d: $%.2f, %.1f g",
            quantity,
            unitCost,
            weightG));
    if (bench != null) {
      double maxCost = bench.constraints().maxUnitCost();
      double maxWeightG = bench.constraints().maxWeightKg() * 1000;
      report.append(String.format(Locale.ROOT, " (caps: $%.2f, %.1f g)", maxCost, maxWeightG));
      if (unitCost > maxCost) {
        withinCaps = false;
        report.append(
            String.format(
                Locale.ROOT, "%n  FAIL unit cost is over the cap by $%.2f", unitCost - maxCost));
      }
      if (weightG > maxWeightG) {
        withinCaps = false;
        report.append(
            String.format(
                Locale.ROOT, "%n  FAIL weight is over the cap by %.1f g", weightG - maxWeightG));
      }
    }
    report.append('\n');
    boolean passed = allParts && withinCaps;
    String text =
        (passed ? "validate_and_price: PASSED\n" : "validate_and_price: FAILED\n") + report;
    ObjectNode details =
        JSON.createObjectNode()
            .put("quantity", quantity)
            .put("unit_cost_usd", unitCost)
            .put("weight_g", weightG);
    details.set("parts", parts);
    long seq =
        Evidence.record(
            ctx.project(), ctx.runId(), ctx.node(), PRICE_CHECK, passed, text, null, details);
    return ToolResult.ok(text + "Recorded as evidence event #" + seq + ".");
  }
}
