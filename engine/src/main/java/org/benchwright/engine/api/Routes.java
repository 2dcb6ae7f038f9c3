package org.benchwright.engine.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The operations by method and path template ({@code /runs/{runId}/events}). Literal segments win
 * over parameters, so {@code /runs/{runId}/events/stream} is never read as an event id.
 */
final class Routes {

  /** A bound operation; {@code writes} when it changes the project (refused by a reader). */
  record Route(
      String method, String template, String operationId, boolean writes, Operation operation) {
    List<String> segments() {
      return split(template);
    }
  }

  record Match(Route route, Map<String, String> path) {}

  private final List<Route> routes = new ArrayList<>();

  Routes get(String template, String operationId, Operation op) {
    return add("GET", template, operationId, false, op);
  }

  Routes post(String template, String operationId, Operation op) {
    return add("POST", template, operationId, true, op);
  }

  /** A POST that changes nothing in the project (e.g. a prediction). */
  Routes postReading(String template, String operationId, Operation op) {
    return add("POST", template, operationId, false, op);
  }

  Routes delete(String template, String operationId, Operation op) {
    return add("DELETE", template, operationId, true, op);
  }

  private Routes add(String method, String template, String id, boolean writes, Operation op) {
    routes.add(new Route(method, template, id, writes, op));
    return this;
  }

  List<Route> all() {
    return List.copyOf(routes);
  }

  Optional<Match> match(String method, String path) {
    List<String> segments = split(path);
    Match best = null;
    int bestLiterals = -1;
    for (Route r : routes) {
      if (!r.method().equals(method)) {
        continue;
      }
      Map<String, String> params = bind(r.segments(), segments);
      if (params == null) {
        continue;
      }
      int literals = r.segments().size() - params.size();
      if (literals > bestLiterals) {
        best = new Match(r, params);
        bestLiterals = literals;
      }
    }
    return Optional.ofNullable(best);
  }

  /** The methods some operation answers at this path (for 405 and {@code Allow}). */
  Set<String> methodsAt(String path) {
    List<String> segments = split(path);
    Set<String> methods = new TreeSet<>();
    for (Route r : routes) {
      if (bind(r.segments(), segments) != null) {
        methods.add(r.method());
      }
    }
    return methods;
  }

  private static Map<String, String> bind(List<String> template, List<String> path) {
    if (template.size() != path.size()) {
      return null;
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < template.size(); i++) {
      String t = template.get(i);
      String p = path.get(i);
      if (t.startsWith("{") && t.endsWith("}")) {
        if (p.isEmpty()) {
          return null;
        }
        params.put(t.substring(1, t.length() - 1), p);
      } else if (!t.equals(p)) {
        return null;
      }
    }
    return params;
  }

  private static List<String> split(String path) {
    List<String> out = new ArrayList<>();
    for (String s : path.split("/", -1)) {
      out.add(s);
    }
    if (!out.isEmpty() && out.getFirst().isEmpty()) {
      out.removeFirst();
    }
    return out;
  }
}
