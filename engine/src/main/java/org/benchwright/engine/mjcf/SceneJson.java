package org.benchwright.engine.mjcf;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.benchwright.engine.mjcf.BenchmarkScene.Box;
import org.benchwright.engine.mjcf.BenchmarkScene.Constraints;
import org.benchwright.engine.mjcf.BenchmarkScene.MovedObject;
import org.benchwright.engine.mjcf.BenchmarkScene.Randomization;
import org.benchwright.engine.mjcf.BenchmarkScene.Shape;
import org.benchwright.engine.mjcf.BenchmarkScene.Vec3;
import org.benchwright.engine.mjcf.BenchmarkScene.Zone;

/**
 * benchmark.json to and from {@link BenchmarkScene}. Read from the tree by hand rather than by data
 * binding so every problem names its field, and so unknown fields (typos) are errors too.
 */
final class SceneJson {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private SceneJson() {}

  static BenchmarkScene read(byte[] json, double capFactor) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      throw new BenchmarkFormatException(
          "",
          "not valid JSON"
              + (at == null
                  ? ""
                  : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
              + ": "
              + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new BenchmarkFormatException("", "cannot be read: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new BenchmarkFormatException("", "must be a JSON object");
    }
    only(
        root,
        "",
        "seed",
        "moved_object",
        "goal_zone",
        "forbid_zones",
        "build_zone",
        "constraints",
        "randomization");
    return new BenchmarkScene(
        integer(root, "", "seed"),
        movedObject(object(root, "", "moved_object"), "moved_object"),
        zone(root, "goal_zone"),
        forbidZones(root),
        zone(root, "build_zone"),
        constraints(object(root, "", "constraints"), "constraints", capFactor),
        randomization(object(root, "", "randomization"), "randomization"));
  }

  private static MovedObject movedObject(JsonNode n, String path) {
    only(n, path, "body", "shape", "size", "material", "start", "jitter");
    String shapeName = text(n, path, "shape");
    Shape shape =
        Arrays.stream(Shape.values())
            .filter(s -> s.name().toLowerCase(Locale.ROOT).equals(shapeName))
            .findFirst()
            .orElseThrow(
                () ->
                    new BenchmarkFormatException(
                        path + ".shape",
                        "'"
                            + shapeName
                            + "' is not one of "
                            + Arrays.stream(Shape.values())
                                .map(s -> s.name().toLowerCase(Locale.ROOT))
                                .collect(Collectors.joining(", "))));
    List<Double> size = numbers(n, path, "size");
    if (size.size() != shape.sizeCount) {
      throw new BenchmarkFormatException(
          path + ".size",
          "a " + shapeName + " needs " + shape.sizeCount + " size value(s); got " + size.size());
    }
    if (size.stream().anyMatch(v -> v <= 0)) {
      throw new BenchmarkFormatException(path + ".size", "sizes must be positive; got " + size);
    }
    Vec3 jitter = vec3(n, path, "jitter");
    if (jitter.x() < 0 || jitter.y() < 0 || jitter.z() < 0) {
      throw new BenchmarkFormatException(path + ".jitter", "must not be negative; got " + jitter);
    }
    return new MovedObject(
        text(n, path, "body"),
        shape,
        size,
        text(n, path, "material"),
        vec3(n, path, "start"),
        jitter);
  }

  private static List<Zone> forbidZones(JsonNode root) {
    JsonNode zones = root.get("forbid_zones");
    if (zones == null) {
      return List.of(); // a scene may have nothing to avoid
    }
    if (!zones.isArray()) {
      throw new BenchmarkFormatException("forbid_zones", "must be a list of zones");
    }
    List<Zone> out = new ArrayList<>();
    for (int i = 0; i < zones.size(); i++) {
      String path = "forbid_zones[" + i + "]";
      JsonNode z = zones.get(i);
      if (!z.isObject()) {
        throw new BenchmarkFormatException(path, "must be an object {name, min, max}");
      }
      only(z, path, "name", "min", "max");
      out.add(new Zone(text(z, path, "name"), box(z, path)));
    }
    return out;
  }

  private static Box zone(JsonNode root, String field) {
    JsonNode n = object(root, "", field);
    only(n, field, "min", "max");
    return box(n, field);
  }

  private static Box box(JsonNode n, String path) {
    Vec3 min = vec3(n, path, "min");
    Vec3 max = vec3(n, path, "max");
    String[] axes = {"x", "y", "z"};
    for (int axis = 0; axis < 3; axis++) {
      if (min.get(axis) > max.get(axis)) {
        throw new BenchmarkFormatException(
            path,
            "min."
                + axes[axis]
                + " ("
                + min.get(axis)
                + ") is greater than max."
                + axes[axis]
                + " ("
                + max.get(axis)
                + ")");
      }
    }
    return new Box(min, max);
  }

  private static Constraints constraints(JsonNode n, String path, double capFactor) {
    only(
        n,
        path,
        "max_unit_cost",
        "max_weight_kg",
        "target_quantity",
        "estimated_cost",
        "estimated_weight_kg");
    double estimatedCost = number(n, path, "estimated_cost");
    double estimatedWeight = number(n, path, "estimated_weight_kg");
    return new Constraints(
        n.has("max_unit_cost") ? number(n, path, "max_unit_cost") : capFactor * estimatedCost,
        n.has("max_weight_kg") ? number(n, path, "max_weight_kg") : capFactor * estimatedWeight,
        integer(n, path, "target_quantity"),
        estimatedCost,
        estimatedWeight);
  }

  private static Randomization randomization(JsonNode n, String path) {
    only(n, path, "scale", "zone_shift", "material");
    return new Randomization(
        vec3(n, path, "scale"), number(n, path, "zone_shift"), text(n, path, "material"));
  }

  // ---- field readers: each names the field in its error ----

  private static void only(JsonNode n, String path, String... allowed) {
    Set<String> names = Set.of(allowed);
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!names.contains(name)) {
        throw new BenchmarkFormatException(
            join(path, name), "unknown field; expected one of " + String.join(", ", allowed));
      }
    }
  }

  private static JsonNode required(JsonNode n, String path, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      throw new BenchmarkFormatException(join(path, field), "missing");
    }
    return v;
  }

  private static JsonNode object(JsonNode n, String path, String field) {
    JsonNode v = required(n, path, field);
    if (!v.isObject()) {
      throw new BenchmarkFormatException(join(path, field), "must be an object");
    }
    return v;
  }

  private static String text(JsonNode n, String path, String field) {
    JsonNode v = required(n, path, field);
    if (!v.isTextual() || v.asText().isBlank()) {
      throw new BenchmarkFormatException(join(path, field), "must be a non-empty string");
    }
    return v.asText();
  }

  private static double number(JsonNode n, String path, String field) {
    return finite(required(n, path, field), join(path, field));
  }

  private static long integer(JsonNode n, String path, String field) {
    JsonNode v = required(n, path, field);
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new BenchmarkFormatException(join(path, field), "must be an integer; got " + v);
    }
    return v.asLong();
  }

  private static List<Double> numbers(JsonNode n, String path, String field) {
    JsonNode v = required(n, path, field);
    String p = join(path, field);
    if (!v.isArray() || v.isEmpty()) {
      throw new BenchmarkFormatException(p, "must be a non-empty list of numbers; got " + v);
    }
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      out.add(finite(v.get(i), p + "[" + i + "]"));
    }
    return out;
  }

  private static Vec3 vec3(JsonNode n, String path, String field) {
    List<Double> v = numbers(n, path, field);
    if (v.size() != 3) {
      throw new BenchmarkFormatException(
          join(path, field), "must be 3 numbers [x, y, z]; got " + v.size());
    }
    return new Vec3(v.get(0), v.get(1), v.get(2));
  }

  private static double finite(JsonNode v, String path) {
    if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
      throw new BenchmarkFormatException(path, "must be a finite number; got " + v);
    }
    return v.asDouble();
  }

  private static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  // ---- writing ----

  static String write(BenchmarkScene s) {
    ObjectNode root = JSON.createObjectNode();
    root.put("seed", s.seed());
    MovedObject m = s.movedObject();
    ObjectNode moved = root.putObject("moved_object");
    moved.put("body", m.body()).put("shape", m.shape().name().toLowerCase(Locale.ROOT));
    m.size().forEach(moved.putArray("size")::add);
    moved.put("material", m.material());
    vec3(moved.putArray("start"), m.start());
    vec3(moved.putArray("jitter"), m.jitter());
    box(root.putObject("goal_zone"), s.goalZone());
    ArrayNode forbid = root.putArray("forbid_zones");
    s.forbidZones().forEach(z -> box(forbid.addObject().put("name", z.name()), z.box()));
    box(root.putObject("build_zone"), s.buildZone());
    Constraints c = s.constraints();
    root.putObject("constraints")
        .put("max_unit_cost", c.maxUnitCost())
        .put("max_weight_kg", c.maxWeightKg())
        .put("target_quantity", c.targetQuantity())
        .put("estimated_cost", c.estimatedCost())
        .put("estimated_weight_kg", c.estimatedWeightKg());
    Randomization r = s.randomization();
    ObjectNode rand = root.putObject("randomization");
    vec3(rand.putArray("scale"), r.scale());
    rand.put("zone_shift", r.zoneShift()).put("material", r.material());
    return root.toString();
  }

  private static void box(ObjectNode n, Box b) {
    vec3(n.putArray("min"), b.min());
    vec3(n.putArray("max"), b.max());
  }

  private static void vec3(ArrayNode a, Vec3 v) {
    a.add(v.x()).add(v.y()).add(v.z());
  }
}
