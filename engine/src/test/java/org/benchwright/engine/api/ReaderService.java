package org.benchwright.engine.api;

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
    ApiFixture.Response out =
        api.sendTo(
            server.uri(),
            method,
            path,
            Map.of(),
            body == null ? null : ApiFixture.write(body),
            "application/json",
            token.value());
    api.check(method, path, out);
    return out;
  }

  @Override
  public void close() {
    server.close();
    project.close();
  }
}
