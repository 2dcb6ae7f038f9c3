package org.benchwright.engine.api.fuzz;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.benchwright.engine.api.ApiFixture;
import org.benchwright.engine.api.Contract;

/**
 * The properties every exchange must have: no 5xx; a status, content type and body the document
 * allows; a 4xx for every request the document refuses, and no 400/415 for one it allows; and a 4xx
 * leaves the project file as it was.
 */
final class Oracle {

  /** A broken property: which one, and what was seen. */
  record Failure(String property, String detail) {}

  /** What one request got, with the failure it showed (if any). */
  record Outcome(ApiFixture.Response response, Optional<Failure> failure) {}

  private static final Duration QUIET = Duration.ofMillis(250);
  private static final Duration QUIET_MAX = Duration.ofSeconds(10);

  int digestsChecked;
  int backgroundCommits;

  /** The document's objections to a request (empty when it allows it). */
  static List<String> refusals(FuzzRequest r) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    r.headers().forEach((k, v) -> headers.put(k, List.of(v)));
    if (r.contentType() != null) {
      headers.put("Content-Type", List.of(r.contentType()));
    }
    Map<String, List<String>> query = new LinkedHashMap<>();
    r.query().forEach((k, v) -> query.put(k, List.of(v)));
    String path = r.pathAndQuery().replaceFirst("\\?.*$", "");
    List<String> out =
        new ArrayList<>(
            Contract.shipped().check(r.op().method(), decode(path), query, headers, r.body()));
    if (r.auth() != FuzzRequest.Auth.TOKEN && r.op().secured()) {
      out.add("no valid bearer token");
    }
    return out;
  }

  private static String decode(String path) {
    return java.net.URLDecoder.decode(
        path.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Sends {@code r} and checks what came back. */
  Outcome exchange(Target t, FuzzRequest r) {
    Map<String, String> before = t.tables();
    long version = t.digest().version();
    ApiFixture.Response response = t.send(r);
    return new Outcome(response, judge(t, r, response, before, version));
  }

  private Optional<Failure> judge(
      Target t, FuzzRequest r, ApiFixture.Response response, Map<String, String> before, long v0) {
    int status = response.status();
    String seen =
        status + " " + response.contentType() + " " + FuzzRequest.abbreviate(response.body());
    if (status >= 500) {
      return Optional.of(new Failure("no 5xx", seen));
    }
    List<String> errors = t.errors(r, response);
    if (!errors.isEmpty()) {
      return Optional.of(new Failure("response as documented", seen + " " + errors));
    }
    boolean refused = status >= 400 && status < 500;
    if (!r.valid() && !refused) {
      return Optional.of(new Failure("invalid request refused with a 4xx", seen));
    }
    if (r.valid() && (status == 400 || status == 415)) {
      return Optional.of(new Failure("valid request not refused as malformed", seen));
    }
    if (refused) {
      digestsChecked++;
      return changesNothing(t, r, before, v0);
    }
    return Optional.empty();
  }

  /**
   * Whether a refused request left the project as it was. A commit seen meanwhile may be a run's
   * own progress, so the request is sent again once nothing else is being written, twice, and only
   * a change both times is the request's doing.
   */
  private Optional<Failure> changesNothing(
      Target t, FuzzRequest r, Map<String, String> before, long v0) {
    ProjectDigest d = t.digest();
    if (d.version() == v0) {
      return Optional.empty();
    }
    d.quiet(QUIET, QUIET_MAX);
    if (ProjectDigest.changed(before, t.tables()).isEmpty()) {
      return Optional.empty();
    }
    List<String> changed = List.of();
    int status = 0;
    for (int attempt = 0; attempt < 2; attempt++) {
      d.quiet(QUIET, QUIET_MAX);
      Map<String, String> quietBefore = t.tables();
      long v = d.version();
      ApiFixture.Response again = t.send(r);
      status = again.status();
      if (again.status() < 400 || again.status() >= 500 || d.version() == v) {
        backgroundCommits++;
        return Optional.empty();
      }
      d.quiet(QUIET, QUIET_MAX);
      changed = ProjectDigest.changed(quietBefore, t.tables());
      if (changed.isEmpty()) {
        backgroundCommits++;
        return Optional.empty();
      }
    }
    return Optional.of(
        new Failure(
            "a 4xx changes nothing in the project",
            "answered "
                + r.op().operationId()
                + " with "
                + status
                + " and changed the tables "
                + changed));
  }
}
