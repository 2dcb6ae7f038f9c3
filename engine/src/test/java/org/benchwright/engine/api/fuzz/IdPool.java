package org.benchwright.engine.api.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Ids seen in responses, by the path parameter they fill, and the operations a response links to
 * (to be called next with the id it made). Read from the document's {@code links}, and from
 * collections: {@code id}s answered at {@code /runs} fill {@code /runs/{runId}}.
 */
final class IdPool implements Requests.Pool {

  private static final int KEEP = 200;

  /** An operation to call because a response linked to it, with the parameters the link gave. */
  record FollowUp(ApiDocument.Op op, Map<String, Requests.Pooled> parameters) {}

  private final ApiDocument doc;
  private final Map<String, List<Requests.Pooled>> byName = new HashMap<>();
  private final Deque<FollowUp> next = new ArrayDeque<>();

  /** Collection path -> the path parameters its items' ids fill. */
  private final Map<String, List<String>> collections = new HashMap<>();

  IdPool(ApiDocument doc) {
    this.doc = doc;
    for (ApiDocument.Op op : doc.operations()) {
      for (ApiDocument.Param p : op.in("path")) {
        int at = op.path().indexOf("/{" + p.name() + "}");
        if (at >= 0) {
          String collection = op.path().substring(0, at);
          List<String> names = collections.computeIfAbsent(collection, c -> new ArrayList<>());
          if (!names.contains(p.name())) {
            names.add(p.name());
          }
        }
      }
    }
  }

  @Override
  public Optional<Requests.Pooled> pick(String parameter, Random random) {
    List<Requests.Pooled> seen = byName.get(parameter);
    if (seen == null || seen.isEmpty()) {
      return Optional.empty();
    }
    // The newest half the time: what was just made is what a sequence goes on with.
    return Optional.of(
        random.nextBoolean() ? seen.getLast() : seen.get(random.nextInt(seen.size())));
  }

  Optional<FollowUp> nextFollowUp() {
    return Optional.ofNullable(next.pollFirst());
  }

  void clearFollowUps() {
    next.clear();
  }

  /** Takes in what step {@code step}'s successful response gave. */
  void harvest(int step, FuzzRequest r, int status, JsonNode body) {
    if (body == null) {
      return;
    }
    for (ApiDocument.Link link : r.op().links().getOrDefault(String.valueOf(status), List.of())) {
      Map<String, Requests.Pooled> params = new LinkedHashMap<>();
      link.parameters()
          .forEach(
              (name, expression) -> {
                Requests.Pooled v = evaluate(step, r, body, expression);
                if (v != null) {
                  params.put(name, v);
                  add(name, v);
                }
              });
      try {
        next.addLast(new FollowUp(doc.operation(link.operationId()), params));
      } catch (IllegalArgumentException e) {
        // A link to an operation the document lacks is the document's problem, not ours.
      }
    }
    for (String name : collections.getOrDefault(r.op().path(), List.of())) {
      collect(step, body, "", "id", name, 0);
    }
    for (String name : byNameCandidates()) {
      collect(step, body, "", name, name, 0);
    }
  }

  private List<String> byNameCandidates() {
    return collections.values().stream().flatMap(List::stream).distinct().toList();
  }

  private void collect(
      int step, JsonNode node, String pointer, String field, String name, int depth) {
    if (depth > 3) {
      return;
    }
    if (node.isObject()) {
      JsonNode v = node.get(field);
      if (v != null && (v.isIntegralNumber() || v.isTextual())) {
        add(
            name,
            new Requests.Pooled(v.asText(), new FuzzRequest.Ref(step, pointer + "/" + field)));
      }
      node.fields()
          .forEachRemaining(
              e -> {
                if (e.getValue().isArray()) {
                  collect(
                      step,
                      e.getValue(),
                      pointer + "/" + Mutations.escape(e.getKey()),
                      field,
                      name,
                      depth + 1);
                }
              });
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(step, node.get(i), pointer + "/" + i, field, name, depth + 1);
      }
    }
  }

  private Requests.Pooled evaluate(int step, FuzzRequest r, JsonNode body, String expression) {
    if (expression.startsWith("$response.body#")) {
      String pointer = expression.substring("$response.body#".length());
      JsonNode v = body.at(pointer);
      return v.isMissingNode() || v.isNull()
          ? null
          : new Requests.Pooled(v.asText(), new FuzzRequest.Ref(step, pointer));
    }
    if (expression.startsWith("$request.path.")) {
      String v = r.path().get(expression.substring("$request.path.".length()));
      FuzzRequest.Ref ref = r.refs().get(expression.substring("$request.path.".length()));
      return v == null ? null : new Requests.Pooled(v, ref);
    }
    return null;
  }

  private void add(String name, Requests.Pooled v) {
    List<Requests.Pooled> seen = byName.computeIfAbsent(name, n -> new ArrayList<>());
    if (seen.stream().noneMatch(x -> x.value().equals(v.value()))) {
      seen.add(v);
      if (seen.size() > KEEP) {
        seen.removeFirst();
      }
    }
  }
}
