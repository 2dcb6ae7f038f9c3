package org.benchwright.engine.api.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Requests for an operation of the document: valid ones (parameters from the pool of ids seen in
 * responses when there are some, the rest generated from the schemas), and invalid ones, a valid
 * request broken in exactly one way.
 */
final class Requests {

  static final ObjectMapper JSON = new ObjectMapper();

  /** Values a path parameter can take, by parameter name, with where they were read. */
  interface Pool {
    Optional<Pooled> pick(String parameter, Random random);
  }

  record Pooled(String value, FuzzRequest.Ref ref) {}

  private final Values values;
  private final Mutations mutations;
  private final Random random;

  Requests(Values values) {
    this.values = values;
    this.mutations = new Mutations(values.document());
    this.random = values.random();
  }

  /** A valid request; {@code fixed} path parameters (from a link) are used as they are. */
  FuzzRequest valid(ApiDocument.Op op, Pool pool, Map<String, Pooled> fixed) {
    Map<String, String> path = new LinkedHashMap<>();
    Map<String, FuzzRequest.Ref> refs = new LinkedHashMap<>();
    for (ApiDocument.Param p : op.in("path")) {
      Optional<Pooled> chosen =
          Optional.ofNullable(fixed.get(p.name()))
              .or(() -> random.nextInt(10) < 9 ? pool.pick(p.name(), random) : Optional.empty());
      if (chosen.isPresent()) {
        path.put(p.name(), chosen.get().value());
        if (chosen.get().ref() != null) {
          refs.put(p.name(), chosen.get().ref());
        }
      } else {
        path.put(p.name(), text(values.valid(p.schema())));
      }
    }
    Map<String, String> query = optionalParams(op.in("query"));
    Map<String, String> headers = optionalParams(op.in("header"));
    String body = null;
    String type = null;
    if (op.hasBody() && (op.bodyRequired() || random.nextInt(5) > 0)) {
      body = write(values.valid(op.bodySchema()));
      type = op.bodyTypes().getFirst();
    }
    return new FuzzRequest(
        op, path, refs, query, headers, body, type, FuzzRequest.Auth.TOKEN, null);
  }

  private Map<String, String> optionalParams(List<ApiDocument.Param> params) {
    Map<String, String> out = new LinkedHashMap<>();
    for (ApiDocument.Param p : params) {
      if (p.required() || random.nextInt(10) < 4) {
        // An empty query or header value reads as absent to the validator (as to many servers),
        // so a valid request carries a value or leaves the parameter out.
        String v = "";
        for (int attempt = 0; attempt < 10 && v.isEmpty(); attempt++) {
          v = text(values.valid(p.schema()));
        }
        if (!v.isEmpty()) {
          out.put(p.name(), v);
        }
      }
    }
    return out;
  }

  /**
   * A valid request broken in one way, or empty when the operation has no rule of that kind to
   * break (the caller draws again).
   */
  Optional<FuzzRequest> invalid(ApiDocument.Op op, Pool pool, Map<String, Pooled> fixed) {
    FuzzRequest base = valid(op, pool, fixed);
    List<Supplier<Optional<FuzzRequest>>> ways = new ArrayList<>();
    if (op.hasBody()) {
      // The body has the most rules to break, so it gets the most draws.
      for (int i = 0; i < 4; i++) {
        ways.add(() -> body(base));
      }
      ways.add(() -> Optional.of(malformed(base)));
      ways.add(
          () ->
              Optional.of(
                  base.withBody(
                      base.body() == null ? "workflow=engineer" : base.body(),
                      "text/plain",
                      "WRONG_CONTENT_TYPE")));
      if (op.bodyRequired()) {
        ways.add(() -> Optional.of(base.withBody(null, null, "MISSING_BODY")));
      }
    }
    for (String where : List.of("path", "query", "header")) {
      if (!op.in(where).isEmpty()) {
        ways.add(() -> param(base, where));
      }
    }
    if (op.secured()) {
      ways.add(
          () -> {
            FuzzRequest.Auth a =
                random.nextBoolean() ? FuzzRequest.Auth.NONE : FuzzRequest.Auth.WRONG;
            return Optional.of(
                base.withAuth(a, a == FuzzRequest.Auth.NONE ? "MISSING_TOKEN" : "WRONG_TOKEN"));
          });
    }
    if (ways.isEmpty()) {
      return Optional.empty();
    }
    for (int attempt = 0; attempt < 10; attempt++) {
      Optional<FuzzRequest> r = ways.get(random.nextInt(ways.size())).get();
      if (r.isPresent()) {
        return r;
      }
    }
    return Optional.empty();
  }

  private Optional<FuzzRequest> body(FuzzRequest base) {
    JsonNode value = read(base.body() == null ? "{}" : base.body());
    if (base.body() == null) {
      value = values.valid(base.op().bodySchema());
    }
    List<Mutations.Site> sites = mutations.sites(base.op().bodySchema(), value);
    Mutations.Kind[] kinds = Mutations.Kind.values();
    for (int attempt = 0; attempt < 30; attempt++) {
      Mutations.Site site = sites.get(random.nextInt(sites.size()));
      Mutations.Kind kind = kinds[random.nextInt(kinds.length)];
      Optional<JsonNode> broken =
          mutations.invalid(kind, site.schema(), site.value(), false, random);
      if (broken.isPresent()) {
        String body = write(Mutations.replace(value, site.pointer(), broken.get()));
        return Optional.of(
            base.withBody(
                body,
                base.op().bodyTypes().getFirst(),
                kind + " at body " + (site.pointer().isEmpty() ? "/" : site.pointer())));
      }
    }
    return Optional.empty();
  }

  private FuzzRequest malformed(FuzzRequest base) {
    String body = base.body() == null ? "{}" : base.body();
    String broken = body.length() > 1 ? body.substring(0, body.length() - 1) : "{";
    return base.withBody(broken, base.op().bodyTypes().getFirst(), "MALFORMED_JSON");
  }

  private Optional<FuzzRequest> param(FuzzRequest base, String where) {
    List<ApiDocument.Param> params = base.op().in(where);
    ApiDocument.Param p = params.get(random.nextInt(params.size()));
    JsonNode schema = values.document().resolve(p.schema());
    Mutations.Kind[] kinds = Mutations.Kind.values();
    for (int attempt = 0; attempt < 20; attempt++) {
      Mutations.Kind kind = kinds[random.nextInt(kinds.length)];
      Optional<JsonNode> broken =
          mutations.invalid(kind, schema, values.valid(schema), true, random);
      if (broken.isEmpty()) {
        continue;
      }
      String value = text(broken.get());
      String label = kind + " at " + where + " " + p.name();
      return Optional.of(
          switch (where) {
            case "path" -> {
              Map<String, FuzzRequest.Ref> refs = new LinkedHashMap<>(base.refs());
              refs.remove(p.name());
              yield base.withPath(p.name(), value).withRefs(refs).mutated(label);
            }
            case "query" -> {
              Map<String, String> q = new LinkedHashMap<>(base.query());
              q.put(p.name(), value);
              yield base.withQuery(q).mutated(label);
            }
            default -> {
              Map<String, String> h = new LinkedHashMap<>(base.headers());
              h.put(p.name(), value);
              yield base.withHeaders(h).mutated(label);
            }
          });
    }
    return Optional.empty();
  }

  /** A value as text on the wire (a string without its JSON quotes). */
  static String text(JsonNode v) {
    return v.isValueNode() ? v.asText() : write(v);
  }

  static String write(JsonNode v) {
    try {
      return JSON.writeValueAsString(v);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode read(String s) {
    try {
      return JSON.readTree(s);
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
