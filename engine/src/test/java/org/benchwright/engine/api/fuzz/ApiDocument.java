package org.benchwright.engine.api.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operations of an OpenAPI 3.1 document as the fuzzer needs them: parameters, request body,
 * documented responses and links. Read at run time, so operations added to the document are fuzzed
 * without code here.
 */
final class ApiDocument {

  private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

  record Param(String name, String in, boolean required, JsonNode schema) {}

  /** A link from a response to an operation: its parameters as runtime expressions. */
  record Link(String operationId, Map<String, String> parameters) {}

  record Op(
      String operationId,
      String method,
      String path,
      List<Param> params,
      JsonNode bodySchema,
      boolean bodyRequired,
      List<String> bodyTypes,
      boolean secured,
      Map<String, List<String>> responseTypes,
      Map<String, List<Link>> links) {

    List<Param> in(String where) {
      return params.stream().filter(p -> p.in().equals(where)).toList();
    }

    boolean hasBody() {
      return bodySchema != null;
    }

    /** Whether a successful response streams (is not JSON), so it is read for a moment only. */
    boolean streams() {
      return responseTypes.entrySet().stream()
          .filter(e -> e.getKey().startsWith("2"))
          .flatMap(e -> e.getValue().stream())
          .anyMatch(t -> !t.contains("json"));
    }
  }

  private final JsonNode root;
  private final List<Op> ops = new ArrayList<>();

  ApiDocument(JsonNode root) {
    this.root = root;
    boolean securedByDefault = !root.path("security").isEmpty();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("paths").fields(); it.hasNext(); ) {
      var path = it.next();
      JsonNode item = path.getValue();
      List<Param> shared = params(item.path("parameters"));
      for (Iterator<Map.Entry<String, JsonNode>> m = item.fields(); m.hasNext(); ) {
        var e = m.next();
        if (!METHODS.contains(e.getKey())) {
          continue;
        }
        ops.add(op(path.getKey(), e.getKey(), e.getValue(), shared, securedByDefault));
      }
    }
  }

  List<Op> operations() {
    return List.copyOf(ops);
  }

  Op operation(String operationId) {
    return ops.stream()
        .filter(o -> o.operationId().equals(operationId))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("No operation " + operationId));
  }

  /** A node with its {@code $ref} (to this document) followed, as often as it takes. */
  JsonNode resolve(JsonNode node) {
    int hops = 0;
    while (node != null && node.has("$ref") && hops++ < 20) {
      String ref = node.get("$ref").asText();
      if (!ref.startsWith("#")) {
        throw new IllegalArgumentException("Only local references are followed: " + ref);
      }
      node = root.at(ref.substring(1));
      if (node.isMissingNode()) {
        throw new IllegalArgumentException("Dangling reference " + ref);
      }
    }
    return node == null ? MissingNode.getInstance() : node;
  }

  private Op op(
      String path, String method, JsonNode node, List<Param> shared, boolean securedByDefault) {
    Map<String, Param> params = new LinkedHashMap<>();
    shared.forEach(p -> params.put(p.in() + ":" + p.name(), p));
    params(node.path("parameters")).forEach(p -> params.put(p.in() + ":" + p.name(), p));
    JsonNode body = resolve(node.path("requestBody"));
    JsonNode schema = null;
    List<String> types = new ArrayList<>();
    if (!body.isMissingNode()) {
      body.path("content").fieldNames().forEachRemaining(types::add);
      schema = body.path("content").path(types.getFirst()).path("schema");
    }
    boolean secured = node.has("security") ? !node.get("security").isEmpty() : securedByDefault;
    Map<String, List<String>> responseTypes = new LinkedHashMap<>();
    Map<String, List<Link>> links = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.path("responses").fields();
        it.hasNext(); ) {
      var e = it.next();
      JsonNode response = resolve(e.getValue());
      List<String> content = new ArrayList<>();
      response.path("content").fieldNames().forEachRemaining(content::add);
      responseTypes.put(e.getKey(), content);
      List<Link> out = new ArrayList<>();
      for (JsonNode l : response.path("links")) {
        JsonNode link = resolve(l);
        Map<String, String> ps = new LinkedHashMap<>();
        link.path("parameters")
            .fields()
            .forEachRemaining(p -> ps.put(p.getKey(), p.getValue().asText()));
        out.add(new Link(link.path("operationId").asText(), ps));
      }
      links.put(e.getKey(), out);
    }
    return new Op(
        node.path("operationId").asText(method + " " + path),
        method.toUpperCase(java.util.Locale.ROOT),
        path,
        List.copyOf(params.values()),
        schema,
        body.path("required").asBoolean(false),
        types,
        secured,
        responseTypes,
        links);
  }

  private List<Param> params(JsonNode list) {
    List<Param> out = new ArrayList<>();
    for (JsonNode p : list) {
      JsonNode param = resolve(p);
      out.add(
          new Param(
              param.path("name").asText(),
              param.path("in").asText(),
              param.path("required").asBoolean(param.path("in").asText().equals("path")),
              param.path("schema")));
    }
    return out;
  }
}
