package org.benchwright.engine.capabilities;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a capability promises before any code exists: a Python function name, what it does, the JSON
 * Schemas of its keyword arguments and of its result, and examples that conform to both.
 *
 * @param parameters a JSON Schema of {@code "type": "object"} whose properties are the function's
 *     keyword arguments
 * @param result a JSON Schema of the returned value
 * @param examples objects {@code {"arguments": {...}, "result": ...}}
 */
public record CapabilitySpec(
    String name, String description, ObjectNode parameters, JsonNode result, ArrayNode examples) {

  static final int MAX_DESCRIPTION = 2_000;
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
  private static final Set<String> PYTHON_KEYWORDS =
      Set.of(
          "false",
          "none",
          "true",
          "and",
          "as",
          "assert",
          "async",
          "await",
          "break",
          "class",
          "continue",
          "def",
          "del",
          "elif",
          "else",
          "except",
          "finally",
          "for",
          "from",
          "global",
          "if",
          "import",
          "in",
          "is",
          "lambda",
          "nonlocal",
          "not",
          "or",
          "pass",
          "raise",
          "return",
          "try",
          "while",
          "with",
          "yield");
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Reads and checks a spec as a model or a file gives it.
   *
   * @throws IllegalArgumentException listing what is wrong
   */
  public static CapabilitySpec parse(JsonNode spec) {
    if (spec == null || !spec.isObject()) {
      throw new IllegalArgumentException("A capability spec is a JSON object.");
    }
    List<String> problems = new ArrayList<>();
    String name = text(spec, "name");
    if (name == null || !NAME.matcher(name).matches() || PYTHON_KEYWORDS.contains(name)) {
      problems.add(
          "name: '"
              + name
              + "' is not a capability name (a Python function name: lowercase letters, digits"
              + " and underscores, starting with a letter, at most 63 characters, not a keyword)");
    }
    String description = text(spec, "description");
    if (description == null || description.isBlank()) {
      problems.add("description: say in a sentence or two what the function does");
    } else if (description.length() > MAX_DESCRIPTION) {
      problems.add("description: at most " + MAX_DESCRIPTION + " characters");
    }
    JsonNode params = spec.get("parameters");
    for (String p : Schemas.problemsOfSchema(params)) {
      problems.add("parameters: " + p);
    }
    if (params != null
        && params.isObject()
        && problems.stream().noneMatch(p -> p.startsWith("parameters"))) {
      if (!"object".equals(params.path("type").asText())) {
        problems.add("parameters: must be {\"type\": \"object\", \"properties\": {...}}");
      }
      Iterator<String> names = params.path("properties").fieldNames();
      while (names.hasNext()) {
        String p = names.next();
        if (!IDENTIFIER.matcher(p).matches() || PYTHON_KEYWORDS.contains(p.toLowerCase())) {
          problems.add("parameters: '" + p + "' cannot be a Python keyword argument");
        }
      }
    }
    JsonNode result = spec.get("result");
    for (String p : Schemas.problemsOfSchema(result)) {
      problems.add("result: " + p);
    }
    JsonNode examples = spec.get("examples");
    if (examples == null || !examples.isArray() || examples.isEmpty()) {
      problems.add(
          "examples: give at least one {\"arguments\": {...}, \"result\": ...} the tests can use");
    } else if (problems.isEmpty()) {
      for (int i = 0; i < examples.size(); i++) {
        JsonNode ex = examples.get(i);
        if (!ex.isObject() || !ex.has("arguments") || !ex.has("result")) {
          problems.add("examples[" + i + "]: needs \"arguments\" and \"result\"");
          continue;
        }
        for (String p : Schemas.problems(params, ex.get("arguments"))) {
          problems.add("examples[" + i + "].arguments: " + p);
        }
        for (String p : Schemas.problems(result, ex.get("result"))) {
          problems.add("examples[" + i + "].result: " + p);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "The capability spec is not valid:\n- " + String.join("\n- ", problems));
    }
    return new CapabilitySpec(
        name,
        description.strip(),
        (ObjectNode) params.deepCopy(),
        result.deepCopy(),
        (ArrayNode) examples.deepCopy());
  }

  /** The spec as stored and shown: the same fields as {@link #parse} reads. */
  public ObjectNode toJson() {
    ObjectNode o = JSON.createObjectNode();
    o.put("name", name);
    o.put("description", description);
    o.set("parameters", parameters);
    o.set("result", result);
    o.set("examples", examples);
    return o;
  }

  /** Why these arguments cannot be passed; empty when they conform. */
  public List<String> argumentProblems(JsonNode arguments) {
    return Schemas.problems(parameters, arguments);
  }

  /** Why this value is not a result the spec promises; empty when it is. */
  public List<String> resultProblems(JsonNode value) {
    return Schemas.problems(result, value);
  }

  /** The keyword argument names, in the schema's order. */
  public List<String> parameterNames() {
    List<String> out = new ArrayList<>();
    parameters.path("properties").fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static String text(JsonNode o, String field) {
    JsonNode v = o.get(field);
    return v != null && v.isTextual() ? v.asText() : null;
  }
}
