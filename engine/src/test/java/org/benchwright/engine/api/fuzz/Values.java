package org.benchwright.engine.api.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Values a JSON Schema (the 3.1 subset the document uses) accepts, drawn at random and biased to
 * what finds bugs: small numbers and the bounds themselves, short strings and the longest allowed,
 * optional properties present or not. Seeds (by property name) put in values the service can act
 * on, such as a model choice that reaches the test's stub.
 */
final class Values {

  static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String AWKWARD = "\"'\\/<>&%é\u2603";
  private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789 -_.";

  /** Long strings are built up to this; a longer maxLength is used only at its bound. */
  private static final int LONG = 100_000;

  private final ApiDocument doc;
  private final Random random;
  private final Map<String, Supplier<JsonNode>> seeds = new HashMap<>();

  Values(ApiDocument doc, Random random) {
    this.doc = doc;
    this.random = random;
  }

  /** Properties of this name take this value most of the time (when it suits their schema). */
  Values seed(String property, Supplier<JsonNode> value) {
    seeds.put(property, value);
    return this;
  }

  Random random() {
    return random;
  }

  ApiDocument document() {
    return doc;
  }

  JsonNode valid(JsonNode schema) {
    return valid(schema, 0);
  }

  private JsonNode valid(JsonNode schema, int depth) {
    JsonNode s = doc.resolve(schema);
    if (s.has("const")) {
      return s.get("const").deepCopy();
    }
    if (s.has("enum")) {
      JsonNode e = s.get("enum");
      return e.get(random.nextInt(e.size())).deepCopy();
    }
    for (String choice : List.of("oneOf", "anyOf")) {
      if (s.has(choice)) {
        JsonNode options = s.get(choice);
        return valid(options.get(random.nextInt(options.size())), depth + 1);
      }
    }
    if (s.has("allOf")) {
      return valid(merged(s.get("allOf")), depth + 1);
    }
    String type = pickType(s);
    return switch (type) {
      case "null" -> NODES.nullNode();
      case "boolean" -> NODES.booleanNode(random.nextBoolean());
      case "integer" -> NODES.numberNode(integer(s));
      case "number" -> NODES.numberNode(number(s));
      case "string" -> NODES.textNode(string(s));
      case "array" -> array(s, depth);
      default -> object(s, depth);
    };
  }

  /** The schema's types ("null" rarely, so the interesting types get most draws). */
  List<String> types(JsonNode s) {
    JsonNode t = s.path("type");
    List<String> out = new ArrayList<>();
    if (t.isArray()) {
      t.forEach(x -> out.add(x.asText()));
    } else if (t.isTextual()) {
      out.add(t.asText());
    } else if (s.has("properties") || s.has("required") || s.has("additionalProperties")) {
      out.add("object");
    } else if (s.has("items")) {
      out.add("array");
    }
    return out;
  }

  private String pickType(JsonNode s) {
    List<String> types = types(s);
    if (types.isEmpty()) {
      return "string";
    }
    List<String> notNull = types.stream().filter(x -> !x.equals("null")).toList();
    if (notNull.isEmpty() || (types.contains("null") && random.nextInt(8) == 0)) {
      return "null";
    }
    return notNull.get(random.nextInt(notNull.size()));
  }

  long integer(JsonNode s) {
    long[] range = range(s);
    long min = range[0];
    long max = range[1];
    int roll = random.nextInt(10);
    if (roll < 2) {
      return random.nextBoolean() ? min : max;
    }
    if (roll < 8) {
      long low = Math.max(min, Math.min(0, max));
      return Math.min(max, low + random.nextInt(10));
    }
    // Uniform over the range without overflowing on the widest int64 ranges.
    double f = random.nextDouble();
    return (long) Math.max(min, Math.min(max, min + f * ((double) max - (double) min)));
  }

  /** [min, max] an integer schema allows (format and exclusive bounds included). */
  static long[] range(JsonNode s) {
    boolean int32 = "int32".equals(s.path("format").asText());
    long min = int32 ? Integer.MIN_VALUE : Long.MIN_VALUE;
    long max = int32 ? Integer.MAX_VALUE : Long.MAX_VALUE;
    if (s.has("minimum")) {
      min = Math.max(min, s.get("minimum").asLong());
    }
    if (s.has("exclusiveMinimum") && s.get("exclusiveMinimum").isNumber()) {
      min = Math.max(min, s.get("exclusiveMinimum").asLong() + 1);
    }
    if (s.has("maximum")) {
      max = Math.min(max, s.get("maximum").asLong());
    }
    if (s.has("exclusiveMaximum") && s.get("exclusiveMaximum").isNumber()) {
      max = Math.min(max, s.get("exclusiveMaximum").asLong() - 1);
    }
    return new long[] {min, max};
  }

  private double number(JsonNode s) {
    double min = s.path("minimum").asDouble(-1e6);
    double max = s.path("maximum").asDouble(1e6);
    if (random.nextInt(5) == 0) {
      return random.nextBoolean() ? min : max;
    }
    return min + random.nextDouble() * (max - min);
  }

  String string(JsonNode s) {
    int min = s.path("minLength").asInt(0);
    int max = s.path("maxLength").asInt(Math.max(min, 40));
    String format = s.path("format").asText("");
    String pattern = s.path("pattern").asText(null);
    switch (format) {
      case "date-time" -> {
        return Instant.ofEpochSecond(1_700_000_000L + random.nextInt(100_000_000)).toString();
      }
      case "date" -> {
        return Instant.ofEpochSecond(1_700_000_000L + random.nextInt(100_000_000))
            .toString()
            .substring(0, 10);
      }
      case "uri" -> {
        return "http://127.0.0.1:" + (1 + random.nextInt(65535)) + "/v" + random.nextInt(10);
      }
      case "uri-reference" -> {
        return "/r/" + random.nextInt(1000);
      }
      case "uuid" -> {
        return new java.util.UUID(random.nextLong(), random.nextLong()).toString();
      }
      default -> {}
    }
    if (s.has("examples") && s.get("examples").size() > 0 && random.nextBoolean()) {
      JsonNode ex = s.get("examples");
      return ex.get(random.nextInt(ex.size())).asText();
    }
    if (pattern != null) {
      java.util.regex.Pattern p = java.util.regex.Pattern.compile(pattern);
      for (int attempt = 0; attempt < 50; attempt++) {
        String x = Patterns.generate(pattern, random);
        if (x.length() >= min && x.length() <= max && p.matcher(x).find()) {
          return x;
        }
      }
      throw new IllegalArgumentException(
          "No string of " + min + ".." + max + " matching " + pattern);
    }
    int length;
    int roll = random.nextInt(20);
    if (roll == 0 && max <= LONG) {
      length = max;
    } else if (roll == 1) {
      length = min;
    } else {
      length = Math.min(max, min + random.nextInt(12));
    }
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      // Now and then a character that needs escaping in JSON, a URL or a shell.
      out.append(
          random.nextInt(25) == 0
              ? AWKWARD.charAt(random.nextInt(AWKWARD.length()))
              : LETTERS.charAt(random.nextInt(LETTERS.length())));
    }
    return out.toString();
  }

  private ArrayNode array(JsonNode s, int depth) {
    int min = s.path("minItems").asInt(0);
    int max = s.path("maxItems").asInt(min + 3);
    int n = depth > 4 ? min : min + random.nextInt(Math.max(1, Math.min(max, min + 3) - min + 1));
    ArrayNode a = NODES.arrayNode();
    JsonNode items = s.path("items");
    for (int i = 0; i < n; i++) {
      a.add(items.isMissingNode() ? NODES.textNode("x" + i) : valid(items, depth + 1));
    }
    return a;
  }

  private ObjectNode object(JsonNode s, int depth) {
    ObjectNode o = NODES.objectNode();
    List<String> required = new ArrayList<>();
    s.path("required").forEach(r -> required.add(r.asText()));
    for (Iterator<Map.Entry<String, JsonNode>> it = s.path("properties").fields(); it.hasNext(); ) {
      var p = it.next();
      boolean must = required.contains(p.getKey());
      Supplier<JsonNode> seed = seeds.get(p.getKey());
      // A seeded property is there most of the time: it is what lets the service act.
      int keep = seed == null ? 5 : 8;
      if (!must && (depth > 3 || random.nextInt(10) >= keep)) {
        continue;
      }
      JsonNode seeded = seed == null ? null : seed.get();
      if (seeded != null && suits(seeded, doc.resolve(p.getValue())) && random.nextInt(10) < 8) {
        o.set(p.getKey(), seeded);
      } else {
        o.set(p.getKey(), valid(p.getValue(), depth + 1));
      }
    }
    for (String r : required) {
      if (!o.has(r)) {
        o.put(r, "x"); // required but not described: any value will do
      }
    }
    return o;
  }

  /** Whether a seed has a type the property's schema allows (seeds are by name only). */
  private boolean suits(JsonNode value, JsonNode schema) {
    List<String> types = types(schema);
    return types.isEmpty() || types.contains(typeOf(value));
  }

  static String typeOf(JsonNode v) {
    if (v.isNull()) {
      return "null";
    }
    if (v.isIntegralNumber()) {
      return "integer";
    }
    if (v.isNumber()) {
      return "number";
    }
    if (v.isBoolean()) {
      return "boolean";
    }
    if (v.isTextual()) {
      return "string";
    }
    return v.isArray() ? "array" : "object";
  }

  private ObjectNode merged(JsonNode all) {
    ObjectNode m = NODES.objectNode();
    ObjectNode props = m.putObject("properties");
    ArrayNode req = m.putArray("required");
    for (JsonNode part : all) {
      JsonNode p = doc.resolve(part);
      p.path("properties").fields().forEachRemaining(e -> props.set(e.getKey(), e.getValue()));
      p.path("required").forEach(req::add);
    }
    m.put("type", "object");
    return m;
  }
}
