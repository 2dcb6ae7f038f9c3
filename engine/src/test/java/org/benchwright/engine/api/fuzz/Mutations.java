package org.benchwright.engine.api.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Ways to make a valid value invalid against its schema, each one rule of the schema broken:
 * applied to one place in a request body, or to one parameter (as text on the wire).
 */
final class Mutations {

  /** One broken rule. */
  enum Kind {
    DROP_REQUIRED,
    UNKNOWN_PROPERTY,
    WRONG_TYPE,
    OUT_OF_RANGE,
    TOO_LONG,
    TOO_SHORT,
    BAD_ENUM,
    BAD_PATTERN,
    BAD_FORMAT
  }

  /** A place in a body: its JSON pointer, its schema (resolved) and its current value. */
  record Site(String pointer, JsonNode schema, JsonNode value) {}

  private final ApiDocument doc;

  Mutations(ApiDocument doc) {
    this.doc = doc;
  }

  /** Every place in {@code value} with the schema that describes it (not inside oneOf/anyOf). */
  List<Site> sites(JsonNode schema, JsonNode value) {
    List<Site> out = new ArrayList<>();
    walk(doc.resolve(schema), value, "", out);
    return out;
  }

  private void walk(JsonNode s, JsonNode v, String pointer, List<Site> out) {
    out.add(new Site(pointer, s, v));
    if (v.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
        var e = it.next();
        JsonNode ps = s.path("properties").path(e.getKey());
        if (!ps.isMissingNode()) {
          walk(doc.resolve(ps), e.getValue(), pointer + "/" + escape(e.getKey()), out);
        }
      }
    } else if (v.isArray() && s.has("items")) {
      JsonNode items = doc.resolve(s.get("items"));
      for (int i = 0; i < v.size(); i++) {
        walk(items, v.get(i), pointer + "/" + i, out);
      }
    }
  }

  /**
   * The value that breaks {@code kind} at a place described by {@code s} (a copy: {@code v} is not
   * changed), or empty when the schema has no such rule to break. {@code onTheWire} is for
   * parameters, sent as text: a rule is broken only if the text breaks it.
   */
  Optional<JsonNode> invalid(Kind kind, JsonNode s, JsonNode v, boolean onTheWire, Random r) {
    List<String> types = types(s);
    return switch (kind) {
      case DROP_REQUIRED -> {
        if (!v.isObject() || !s.has("required") || s.get("required").isEmpty()) {
          yield Optional.empty();
        }
        JsonNode req = s.get("required");
        ObjectNode copy = v.deepCopy();
        copy.remove(req.get(r.nextInt(req.size())).asText());
        yield Optional.of(copy);
      }
      case UNKNOWN_PROPERTY -> {
        if (!v.isObject()
            || !s.path("additionalProperties").isBoolean()
            || s.get("additionalProperties").asBoolean()) {
          yield Optional.empty();
        }
        ObjectNode copy = v.deepCopy();
        copy.put("fuzzUnknown" + r.nextInt(100), 1);
        yield Optional.of(copy);
      }
      case WRONG_TYPE -> wrongType(s, types, onTheWire);
      case OUT_OF_RANGE -> {
        boolean numeric = types.contains("integer") || types.contains("number");
        if (!numeric || s.has("enum") || s.has("const")) {
          yield Optional.empty();
        }
        if (s.has("minimum") && s.get("minimum").asLong() > Long.MIN_VALUE + 1000) {
          yield Optional.of(Values.NODES.numberNode(s.get("minimum").asLong() - 1 - r.nextInt(3)));
        }
        if (s.has("maximum") && s.get("maximum").asLong() < Long.MAX_VALUE - 1000) {
          yield Optional.of(Values.NODES.numberNode(s.get("maximum").asLong() + 1 + r.nextInt(3)));
        }
        yield Optional.empty();
      }
      case TOO_LONG -> {
        if (!types.contains("string")
            || !s.has("maxLength")
            || s.get("maxLength").asInt() > 200_000) {
          yield Optional.empty();
        }
        yield Optional.of(Values.NODES.textNode("a".repeat(s.get("maxLength").asInt() + 1)));
      }
      case TOO_SHORT -> {
        int min = s.path("minLength").asInt(0);
        // An empty query value can read as no value at all, so on the wire keep one character.
        if (!types.contains("string") || min < (onTheWire ? 2 : 1)) {
          yield Optional.empty();
        }
        yield Optional.of(Values.NODES.textNode("a".repeat(min - 1)));
      }
      case BAD_ENUM -> {
        if (!s.has("enum")) {
          yield Optional.empty();
        }
        String outside = "NOT_AN_OPTION_" + r.nextInt(1000);
        for (JsonNode e : s.get("enum")) {
          if (e.asText().equals(outside)) {
            yield Optional.empty();
          }
        }
        yield Optional.of(Values.NODES.textNode(outside));
      }
      case BAD_PATTERN -> {
        if (!s.has("pattern") || !types.contains("string")) {
          yield Optional.empty();
        }
        Pattern p = Pattern.compile(s.get("pattern").asText());
        for (String candidate : List.of("!", "A B", " ", "é!", "../..", "0", "a", "Z")) {
          if (!p.matcher(candidate).find()) {
            yield Optional.of(Values.NODES.textNode(candidate));
          }
        }
        yield Optional.empty();
      }
      case BAD_FORMAT -> {
        String format = s.path("format").asText("");
        if (!types.contains("string") || s.has("enum")) {
          yield Optional.empty();
        }
        yield switch (format) {
          case "date-time" -> Optional.of(Values.NODES.textNode("yesterday at noon"));
          case "date" -> Optional.of(Values.NODES.textNode("2026-13-45"));
          case "uuid" -> Optional.of(Values.NODES.textNode("not-a-uuid"));
          default -> Optional.empty();
        };
      }
    };
  }

  private Optional<JsonNode> wrongType(JsonNode s, List<String> types, boolean onTheWire) {
    if (types.isEmpty() && s.has("enum")) {
      boolean allText = true;
      for (JsonNode e : s.get("enum")) {
        allText &= e.isTextual();
      }
      return allText && !onTheWire ? Optional.of(Values.NODES.numberNode(7)) : Optional.empty();
    }
    if (types.isEmpty()) {
      return Optional.empty();
    }
    // Text that is no number and no boolean breaks a numeric or boolean rule on the wire too.
    if (types.stream().noneMatch(t -> t.equals("string"))) {
      if (types.contains("integer") || types.contains("number") || types.contains("boolean")) {
        return Optional.of(Values.NODES.textNode("seven"));
      }
      if (onTheWire) {
        return Optional.empty();
      }
      return Optional.of(Values.NODES.textNode("an object was expected"));
    }
    if (onTheWire) {
      return Optional.empty(); // any text is a string
    }
    if (!types.contains("integer") && !types.contains("number")) {
      return Optional.of(Values.NODES.numberNode(7));
    }
    if (!types.contains("boolean")) {
      return Optional.of(Values.NODES.booleanNode(true));
    }
    if (!types.contains("array")) {
      ArrayNode a = Values.NODES.arrayNode();
      return Optional.of(a.add(1));
    }
    return Optional.empty();
  }

  private List<String> types(JsonNode s) {
    JsonNode t = s.path("type");
    List<String> out = new ArrayList<>();
    if (t.isArray()) {
      t.forEach(x -> out.add(x.asText()));
    } else if (t.isTextual()) {
      out.add(t.asText());
    } else if (s.has("properties") || s.has("additionalProperties")) {
      out.add("object");
    }
    return out;
  }

  /** {@code root} with the value at {@code pointer} replaced (a copy). */
  static JsonNode replace(JsonNode root, String pointer, JsonNode value) {
    if (pointer.isEmpty()) {
      return value;
    }
    JsonNode copy = root.deepCopy();
    int cut = pointer.lastIndexOf('/');
    JsonNode parent = copy.at(pointer.substring(0, cut));
    String key = unescape(pointer.substring(cut + 1));
    if (parent instanceof ObjectNode o) {
      o.set(key, value);
    } else if (parent instanceof ArrayNode a) {
      a.set(Integer.parseInt(key), value);
    }
    return copy;
  }

  static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  private static String unescape(String key) {
    return key.replace("~1", "/").replace("~0", "~");
  }
}
