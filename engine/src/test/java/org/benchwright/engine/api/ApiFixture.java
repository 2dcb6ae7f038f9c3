package org.benchwright.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.benchwright.engine.agent.ConversationScript;
import org.benchwright.engine.model.ApiKeys;
import org.benchwright.engine.model.OpenAiStub;
import org.benchwright.engine.project.Project;

/**
 * A real service on a loopback port over a real project file, with a stubbed OpenAI-compatible
 * model behind it, and a client that checks every response it receives against the contract (a
 * response the document does not allow fails the test that received it).
 */
public final class ApiFixture implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String KEY = "sk-api-fixture-7c1e55d0a9";

  /** The project file the fixture serves, in its folder. */
  static final String FILE = "api.bwproj";

  final Path dir;
  final Project project;
  final OpenAiStub stub = OpenAiStub.start();
  final ApiToken token;
  final ApiServer server;
  final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** What the client received that the document does not allow, across the fixture's life. */
  private final List<String> violations = new ArrayList<>();

  private ApiFixture(Path dir, ApiServer.Options options) {
    this.dir = dir;
    Path file = dir.resolve(FILE);
    // An existing file is served as serve serves it: read-only while another process writes it.
    String writer = null;
    Project opened;
    if (!java.nio.file.Files.exists(file)) {
      opened = Project.create(file);
    } else {
      try {
        opened = Project.open(file);
      } catch (org.benchwright.engine.project.ProjectException.Locked e) {
        opened = Project.openReadOnly(file);
        writer = e.holder();
      }
    }
    this.project = opened;
    this.token = ApiToken.generate(project.uid());
    ApiKeys keys =
        ApiKeys.of(Map.of("OPENAI_COMPATIBLE_API_KEY", KEY), dir.resolve("no-keys.properties"));
    try {
      this.server = ApiServer.serve(project, writer, keys, token, options, "test");
    } catch (Exception e) {
      project.close();
      stub.close();
      throw new IllegalStateException("The service did not start", e);
    }
  }

  public static ApiFixture start(Path dir) {
    return new ApiFixture(dir, ApiServer.Options.loopback(0));
  }

  static ApiFixture start(Path dir, ApiServer.Options options) {
    return new ApiFixture(dir, options);
  }

  /** The model answers by role ({@link ConversationScript}). */
  public ApiFixture answering(ConversationScript script) {
    stub.respondWith(script::answer);
    return this;
  }

  ApiFixture answering(Function<OpenAiStub.Received, OpenAiStub.Reply> responder) {
    stub.respondWith(responder);
    return this;
  }

  /** The model choice that reaches this fixture's stub. */
  public Map<String, Object> model() {
    return Map.of("provider", "openai-compatible", "name", "stub-model", "baseUrl", stub.baseUrl());
  }

  public URI uri(String pathAndQuery) {
    return URI.create(server.uri() + pathAndQuery);
  }

  public record Response(
      int status, String contentType, Map<String, List<String>> headers, String body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("Not JSON: " + body, e);
      }
    }

    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().getFirst())
          .findFirst()
          .orElse(null);
    }
  }

  Response get(String pathAndQuery) {
    return send("GET", pathAndQuery, null, "application/json", token.value());
  }

  Response post(String path, Object body) {
    return send("POST", path, body == null ? null : write(body), "application/json", token.value());
  }

  /**
   * Sends a request (a null {@code bearer} sends no token) and checks the answer against the
   * document: its status must be documented for the operation, its content type listed, and its
   * body must match the schema.
   */
  Response send(String method, String pathAndQuery, String body, String type, String bearer) {
    Response out = sendTo(server.uri(), method, pathAndQuery, Map.of(), body, type, bearer);
    check(method, pathAndQuery, out);
    return out;
  }

  /**
   * One request to {@code base}: this service, another one over the same project, or a proxy in
   * front of it (a null {@code bearer} sends no token). Not checked: the caller checks it.
   */
  Response sendTo(
      URI base,
      String method,
      String pathAndQuery,
      Map<String, String> headers,
      String body,
      String type,
      String bearer) {
    try {
      HttpResponse<String> r =
          http.send(
              request(base, method, pathAndQuery, headers, body, type, bearer),
              HttpResponse.BodyHandlers.ofString());
      return new Response(
          r.statusCode(),
          r.headers().firstValue("Content-Type").orElse(null),
          r.headers().map(),
          r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static HttpRequest request(
      URI base,
      String method,
      String pathAndQuery,
      Map<String, String> headers,
      String body,
      String type,
      String bearer) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + pathAndQuery))
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    if (body != null && type != null) {
      b.header("Content-Type", type);
    }
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    return b.build();
  }

  /** Checks one response against the document, failing the test on the first violation. */
  void check(String method, String pathAndQuery, Response r) {
    String path = pathAndQuery.replaceFirst("\\?.*$", "");
    List<String> errors =
        Contract.shipped().checkResponse(method, path, r.status(), r.contentType(), r.body());
    // 404 and 405 also answer paths and methods the document does not have (so it cannot list
    // them): those must still be problem+json.
    boolean undocumented =
        !errors.isEmpty()
            && errors.stream()
                .allMatch(
                    m ->
                        m.startsWith("validation.request.path.missing")
                            || m.startsWith("validation.request.operation.notAllowed"));
    if (undocumented && (r.status() == 404 || r.status() == 405)) {
      assertThat(r.contentType()).startsWith(ApiServer.PROBLEM);
      return;
    }
    if (!errors.isEmpty()) {
      violations.add(method + " " + pathAndQuery + " -> " + r.status() + ": " + errors);
    }
    assertThat(errors)
        .as("%s %s answered %d %s: %s", method, pathAndQuery, r.status(), r.contentType(), r.body())
        .isEmpty();
  }

  static String write(Object body) {
    if (body instanceof String s) {
      return s;
    }
    try {
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<String> violations() {
    return List.copyOf(violations);
  }

  /** The project the service serves (the fuzzer digests it and sets the gate it stops at). */
  public Project project() {
    return project;
  }

  /** The service's bearer token. */
  public String token() {
    return token.value();
  }

  /**
   * Sends a request with extra headers and answers what came back without checking it (the fuzzer
   * checks it and shrinks what fails). A body that does not end within {@code readFor} (an event
   * stream) is cut there: what arrived until then is the body.
   */
  public Response exchange(
      String method,
      String pathAndQuery,
      Map<String, String> headers,
      String body,
      String type,
      String bearer,
      Duration readFor) {
    try {
      HttpResponse<java.io.InputStream> r =
          http.send(
              request(server.uri(), method, pathAndQuery, headers, body, type, bearer),
              HttpResponse.BodyHandlers.ofInputStream());
      String text = readAtMost(r.body(), readFor);
      return new Response(
          r.statusCode(),
          r.headers().firstValue("Content-Type").orElse(null),
          r.headers().map(),
          text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String readAtMost(java.io.InputStream in, Duration readFor)
      throws IOException, InterruptedException {
    var out = new java.io.ByteArrayOutputStream();
    Thread reader =
        Thread.ofVirtual()
            .start(
                () -> {
                  byte[] buf = new byte[8192];
                  try {
                    int n;
                    while ((n = in.read(buf)) != -1) {
                      synchronized (out) {
                        out.write(buf, 0, n);
                      }
                    }
                  } catch (IOException e) {
                    // Cut by the close below: what arrived is the body.
                  }
                });
    reader.join(readFor);
    in.close();
    reader.join(Duration.ofSeconds(5));
    synchronized (out) {
      return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /** What the document says is wrong with a response (empty when it conforms). */
  public List<String> errors(String method, String pathAndQuery, Response r) {
    String path = pathAndQuery.replaceFirst("\\?.*$", "");
    return Contract.shipped().checkResponse(method, path, r.status(), r.contentType(), r.body());
  }

  @Override
  public void close() {
    server.close();
    project.close();
    stub.close();
  }
}
