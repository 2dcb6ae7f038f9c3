package org.benchwright.engine.api.fuzz;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One generated request, valid or broken in one named way ({@code mutation}, null when valid). Path
 * parameters taken from an earlier response keep where they came from ({@code refs}: step index and
 * JSON pointer), so a shrunk sequence resolves them again against its own responses.
 */
record FuzzRequest(
    ApiDocument.Op op,
    Map<String, String> path,
    Map<String, Ref> refs,
    Map<String, String> query,
    Map<String, String> headers,
    String body,
    String contentType,
    Auth auth,
    String mutation) {

  enum Auth {
    TOKEN,
    NONE,
    WRONG
  }

  /** A value read from the response of an earlier step. */
  record Ref(int step, String pointer) {}

  boolean valid() {
    return mutation == null;
  }

  String pathAndQuery() {
    String p = op.path();
    for (var e : path.entrySet()) {
      p = p.replace("{" + e.getKey() + "}", encode(e.getValue()));
    }
    if (query.isEmpty()) {
      return p;
    }
    return p
        + "?"
        + query.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
  }

  /** The request as a command a person can paste (the token left to their shell). */
  String curl(String base) {
    StringBuilder c = new StringBuilder("curl -i -X ").append(op.method());
    switch (auth) {
      case TOKEN -> c.append(" -H 'Authorization: Bearer $TOKEN'");
      case WRONG -> c.append(" -H 'Authorization: Bearer WRONG-TOKEN'");
      case NONE -> {}
    }
    headers.forEach((k, v) -> c.append(" -H ").append(quote(k + ": " + v)));
    if (body != null) {
      c.append(" -H ").append(quote("Content-Type: " + contentType));
      c.append(" --data-binary ").append(quote(body));
    }
    return c.append(' ').append(quote(base + pathAndQuery())).toString();
  }

  FuzzRequest withBody(String value) {
    return new FuzzRequest(op, path, refs, query, headers, value, contentType, auth, mutation);
  }

  FuzzRequest withQuery(Map<String, String> value) {
    return new FuzzRequest(op, path, refs, value, headers, body, contentType, auth, mutation);
  }

  FuzzRequest withHeaders(Map<String, String> value) {
    return new FuzzRequest(op, path, refs, query, value, body, contentType, auth, mutation);
  }

  FuzzRequest withPath(String name, String value) {
    Map<String, String> p = new LinkedHashMap<>(path);
    p.put(name, value);
    return new FuzzRequest(op, p, refs, query, headers, body, contentType, auth, mutation);
  }

  /** This request with another body and content type, broken in the named way. */
  FuzzRequest withBody(String value, String type, String how) {
    return new FuzzRequest(op, path, refs, query, headers, value, type, auth, how);
  }

  /** This request sent with another token (or none), broken in the named way. */
  FuzzRequest withAuth(Auth value, String how) {
    return new FuzzRequest(op, path, refs, query, headers, body, contentType, value, how);
  }

  FuzzRequest mutated(String how) {
    return new FuzzRequest(op, path, refs, query, headers, body, contentType, auth, how);
  }

  FuzzRequest withRefs(Map<String, Ref> value) {
    return new FuzzRequest(op, path, value, query, headers, body, contentType, auth, mutation);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  @Override
  public String toString() {
    return op.method()
        + " "
        + pathAndQuery()
        + (body == null ? "" : " " + abbreviate(body))
        + (mutation == null ? "" : " [" + mutation + "]");
  }

  static String abbreviate(String s) {
    return s.length() <= 300 ? s : s.substring(0, 300) + "…(" + s.length() + " chars)";
  }
}
