package org.benchwright.engine.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.benchwright.engine.model.ApiKeys;
import org.benchwright.engine.project.Project;

/**
 * A second service over a fixture's project that only reads it (the fixture's service writes it),
 * as when the desktop holds the writer lock; its answers are checked against the contract too.
 */
final class ReaderService implements AutoCloseable {

  static final String WRITER = "the test's writer";

  private final ApiFixture api;
  private final Project project;
  private final ApiToken token;
  private final ApiServer server;

  ReaderService(ApiFixture api) throws Exception {
    this.api = api;
    this.project = Project.openReadOnly(api.project.file());
    this.token = ApiToken.generate(project.uid());
    try {
      this.server =
          ApiServer.serve(
              project,
              WRITER,
              ApiKeys.of(Map.of(), api.dir.resolve("reader-keys.properties")),
              token,
              ApiServer.Options.loopback(0),
              "test");
    } catch (Exception e) {
      project.close();
      throw e;
    }
  }

  ApiFixture.Response get(String path) {
    return send("GET", path, null);
  }

  ApiFixture.Response post(String path, Object body) {
    return send("POST", path, body);
  }

  ApiFixture.Response send(String method, String path, Object body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.uri() + path))
            .header("Authorization", "Bearer " + token.value())
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(ApiFixture.write(body)));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    try {
      HttpResponse<String> r = api.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      ApiFixture.Response out =
          new ApiFixture.Response(
              r.statusCode(),
              r.headers().firstValue("Content-Type").orElse(null),
              r.headers().map(),
              r.body());
      api.check(method, path, out);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.close();
    project.close();
  }
}
