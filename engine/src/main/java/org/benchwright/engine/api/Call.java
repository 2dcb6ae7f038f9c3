package org.benchwright.engine.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request as an operation sees it: already authenticated and validated against the contract, so
 * an operation reads its parameters without checking their shape again.
 */
record Call(
    String operationId,
    Map<String, String> path,
    Map<String, List<String>> query,
    Map<String, String> headers,
    JsonNode body) {

  Call {
    body = body == null ? MissingNode.getInstance() : body;
  }

  long pathLong(String name) {
    return Long.parseLong(path.get(name));
  }

  String pathString(String name) {
    return path.get(name);
  }

  Optional<String> query(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
  }

  Optional<Long> queryLong(String name) {
    return query(name).map(Long::parseLong);
  }

  Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
  }
}
