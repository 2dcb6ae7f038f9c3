package org.benchwright.engine.api.fuzz;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.benchwright.engine.api.ApiFixture;

/** A running service the fuzzer sends requests to, with a digest of its project file. */
final class Target implements AutoCloseable {

  /** How long a streamed answer (an event stream) is read before it is cut. */
  static final Duration STREAM_READ = Duration.ofMillis(300);

  private final ApiFixture api;
  private final ProjectDigest digest;

  Target(ApiFixture api) {
    this.api = api;
    this.digest = new ProjectDigest(api.project().file());
  }

  ApiFixture api() {
    return api;
  }

  ProjectDigest digest() {
    return digest;
  }

  String base() {
    return api.uri("").toString();
  }

  ApiFixture.Response send(FuzzRequest r) {
    String bearer =
        switch (r.auth()) {
          case TOKEN -> api.token();
          case NONE -> null;
          case WRONG -> new StringBuilder(api.token()).reverse().toString();
        };
    try {
      return exchange(r, bearer);
    } catch (java.io.UncheckedIOException e) {
      // A pooled keep-alive connection the server closed after its last answer (as it closes one
      // after a refused body) can fail before any byte of this request reaches a handler: the
      // client's race, not an answer. Sent once more on a fresh connection; a second failure is
      // the service's.
      return exchange(r, bearer);
    }
  }

  private ApiFixture.Response exchange(FuzzRequest r, String bearer) {
    return api.exchange(
        r.op().method(),
        r.pathAndQuery(),
        r.headers(),
        r.body(),
        r.contentType(),
        bearer,
        r.op().streams() ? STREAM_READ : Duration.ofSeconds(30));
  }

  List<String> errors(FuzzRequest r, ApiFixture.Response response) {
    return api.errors(r.op().method(), r.pathAndQuery(), response);
  }

  Map<String, String> tables() {
    return digest.tables();
  }

  @Override
  public void close() {
    digest.close();
    api.close();
  }
}
