package org.benchwright.engine.model;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback HTTP server that answers every POST with the next queued JSON body (HTTP 200), for
 * providers whose reply shape a test writes out in full (Anthropic's Messages API, Gemini's
 * generateContent). Records the paths asked for. Answers 418 when nothing is queued.
 */
final class JsonStub implements AutoCloseable {

  private final HttpServer server;
  private final Queue<String> bodies = new ConcurrentLinkedQueue<>();
  private final List<String> paths = new CopyOnWriteArrayList<>();

  private JsonStub(HttpServer server) {
    this.server = server;
  }

  static JsonStub start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      JsonStub stub = new JsonStub(server);
      server.createContext("/", stub::handle);
      server.start();
      return stub;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code http://127.0.0.1:<port>} followed by {@code path}. */
  String baseUrl(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  JsonStub enqueue(String json) {
    bodies.add(json);
    return this;
  }

  List<String> paths() {
    return List.copyOf(paths);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      paths.add(exchange.getRequestURI().getPath());
      String body = bodies.poll();
      int status = body == null ? 418 : 200;
      byte[] bytes =
          (body == null ? "{\"error\": {\"message\": \"JsonStub has nothing queued\"}}" : body)
              .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
