package org.benchwright.engine.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks a model's tool arguments against the tool's schema and says, in words the model can act
 * on, what is wrong: a missing argument, an unknown one, a wrong type.
 */
public final class Arguments {

  private Arguments() {}

  /** Null when the arguments fit the schema, else the problem. */
  public static String problem(JsonObjectSchema schema, JsonNode args) {
    if (args == null || !args.isObject()) {
      return "The arguments must be a JSON object.";
    }
    Map<String, JsonSchemaElement> props = schema.properties();
    List<String> required = schema.required() == null ? List.of() : schema.required();
    for (String r : required) {
      if (!args.has(r) || args.get(r).isNull()) {
        return "Missing required argument '" + r + "'.";
      }
    }
    for (Iterator<String> it = args.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      JsonSchemaElement expected = props.get(name);
      if (expected == null) {
        return "Unknown argument '"
            + name
            + "'. Expected: "
            + String.join(", ", props.keySet())
            + ".";
      }
      String p = typeProblem(name, expected, args.get(name));
      if (p != null) {
        return p;
      }
    }
    return null;
  }

  private static String typeProblem(String name, JsonSchemaElement schema, JsonNode v) {
    if (v.isNull()) {
      return null;
    }
    if (schema instanceof JsonStringSchema && !v.isTextual()) {
      return "Argument '" + name + "' must be a string.";
    }
    if (schema instanceof JsonIntegerSchema && !v.canConvertToLong()) {
      return "Argument '" + name + "' must be an integer.";
    }
    if (schema instanceof JsonIntegerSchema && !v.isIntegralNumber()) {
      return "Argument '" + name + "' must be an integer.";
    }
    if (schema instanceof JsonNumberSchema && !v.isNumber()) {
      return "Argument '" + name + "' must be a number.";
    }
    if (schema instanceof JsonBooleanSchema && !v.isBoolean()) {
      return "Argument '" + name + "' must be true or false.";
    }
    if (schema instanceof JsonEnumSchema e
        && (!v.isTextual() || !e.enumValues().contains(v.asText()))) {
      return "Argument '" + name + "' must be one of " + e.enumValues() + ".";
    }
    if (schema instanceof JsonArraySchema a) {
      if (!v.isArray()) {
        return "Argument '" + name + "' must be an array.";
      }
      for (JsonNode item : v) {
        String p = typeProblem(name + "[]", a.items(), item);
        if (p != null) {
          return p;
        }
      }
    }
    if (schema instanceof JsonObjectSchema o) {
      if (!v.isObject()) {
        return "Argument '" + name + "' must be an object.";
      }
      String p = problem(o, v);
      if (p != null) {
        return "In '" + name + "': " + p;
      }
    }
    return null;
  }
}
