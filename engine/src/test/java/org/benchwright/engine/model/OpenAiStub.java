package org.benchwright.engine.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local stand-in for OpenAI's {@code POST /v1/chat/completions}: serves scripted answers in
 * OpenAI's JSON format, one per call, in order, and records what it was sent. Failures can be
 * queued like answers: HTTP statuses (429 comes with {@code Retry-After}), answers later than the
 * client's timeout, bodies that are not JSON.
 *
 * <pre>{@code
 * try (OpenAiStub stub = OpenAiStub.start()) {
 *   stub.enqueueStatus(429).enqueueText("hello");
 *   ... ModelConfig with baseUrl(stub.baseUrl()) ...
 *   assertThat(stub.requests().get(1).json().path("messages")) ...
 * }
 * }</pre>
 *
 * When the queue is empty it answers 418 with a body saying so, which surfaces as a refused request
 * naming the stub.
 */
public final class OpenAiStub implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as received. */
  public record Received(String body, Map<String, List<String>> headers) {

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("the client sent a body that is not JSON: " + body, e);
      }
    }

    /** The first value of a header, or null; names are case-insensitive. */
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  private record ToolCall(String id, String name, String arguments) {}

  /** An answer to queue: text, reasoning, tool calls and usage, in any combination. */
  public static final class Reply {
    private String text;
    private String reasoning;
    private final List<ToolCall> toolCalls = new ArrayList<>();
    private int promptTokens = 12;
    private int completionTokens = 7;
    private String model = "gpt-4o-2024-08-06";

    public Reply text(String text) {
      this.text = text;
      return this;
    }

    /** Sent as {@code reasoning_content}, as DeepSeek and vLLM do. */
    public Reply reasoning(String reasoning) {
      this.reasoning = reasoning;
      return this;
    }

    public Reply toolCall(String id, String name, String argumentsJson) {
      toolCalls.add(new ToolCall(id, name, argumentsJson));
      return this;
    }

    public Reply usage(int promptTokens, int completionTokens) {
      this.promptTokens = promptTokens;
      this.completionTokens = completionTokens;
      return this;
    }

    public Reply model(String model) {
      this.model = model;
      return this;
    }

    String toJson(int call) {
      ObjectNode root = JSON.createObjectNode();
      root.put("id", "chatcmpl-stub-" + call);
      root.put("object", "chat.completion");
      root.put("created", 1_700_000_000L);
      root.put("model", model);
      ObjectNode choice = root.putArray("choices").addObject();
      choice.put("index", 0);
      ObjectNode message = choice.putObject("message");
      message.put("role", "assistant");
      message.put("content", text);
      if (reasoning != null) {
        message.put("reasoning_content", reasoning);
      }
      if (!toolCalls.isEmpty()) {
        ArrayNode calls = message.putArray("tool_calls");
        for (ToolCall toolCall : toolCalls) {
          ObjectNode c = calls.addObject();
          c.put("id", toolCall.id());
          c.put("type", "function");
          c.putObject("function")
              .put("name", toolCall.name())
              .put("arguments", toolCall.arguments());
        }
      }
      choice.put("finish_reason", toolCalls.isEmpty() ? "stop" : "tool_calls");
      root.putObject("usage")
          .put("prompt_tokens", promptTokens)
          .put("completion_tokens", completionTokens)
          .put("total_tokens", promptTokens + completionTokens);
      return root.toString();
    }
  }

  private interface Action {
    void answer(HttpExchange exchange, Received request, int call) throws IOException;
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Queue<Action> queue = new ConcurrentLinkedQueue<>();
  private final List<Received> requests = new CopyOnWriteArrayList<>();
  private volatile java.util.function.Function<Received, Reply> responder;

  private OpenAiStub(HttpServer server) {
    this.server = server;
  }

  public static OpenAiStub start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      OpenAiStub stub = new OpenAiStub(server);
      server.createContext("/v1/chat/completions", stub::handle);
      // One thread per exchange: a delayed answer must not hold up the client's retry.
      server.setExecutor(stub.executor);
      server.start();
      return stub;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** For {@link ModelConfig#baseUrl()}: {@code http://127.0.0.1:<port>/v1}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  public static Reply reply() {
    return new Reply();
  }

  public OpenAiStub enqueue(Reply reply) {
    queue.add((exchange, request, call) -> send(exchange, 200, reply.toJson(call)));
    return this;
  }

  public OpenAiStub enqueueText(String text) {
    return enqueue(reply().text(text));
  }

  public OpenAiStub enqueueToolCall(String id, String name, String argumentsJson) {
    return enqueue(reply().toolCall(id, name, argumentsJson));
  }

  /**
   * An error status with an OpenAI-style error body. 429 carries {@code Retry-After: 1}. 401 echoes
   * the Authorization header unmasked (OpenAI masks it), so tests prove the key is redacted.
   */
  public OpenAiStub enqueueStatus(int status) {
    queue.add(
        (exchange, request, call) -> {
          if (status == 429) {
            exchange.getResponseHeaders().add("Retry-After", "1");
          }
          String message =
              switch (status) {
                case 401 -> "Incorrect API key provided: " + request.header("Authorization");
                case 429 -> "Rate limit reached for requests";
                case 400 -> "Invalid value for 'messages': bad request from the stub";
                default -> "The stub failed on purpose with " + status;
              };
          ObjectNode body = JSON.createObjectNode();
          body.putObject("error").put("message", message).put("type", "stub_error");
          send(exchange, status, body.toString());
        });
    return this;
  }

  /** Waits, then answers with text; a client whose timeout is shorter has given up by then. */
  public OpenAiStub enqueueDelay(Duration delay) {
    queue.add(
        (exchange, request, call) -> {
          try {
            Thread.sleep(delay);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // the stub is closing
          }
          send(exchange, 200, reply().text("late").toJson(call));
        });
    return this;
  }

  /** HTTP 200 with exactly this body, for reply shapes {@link Reply} does not write. */
  public OpenAiStub enqueueJson(String json) {
    queue.add((exchange, request, call) -> send(exchange, 200, json));
    return this;
  }

  /** HTTP 200 whose body is not JSON. */
  public OpenAiStub enqueueInvalidJson() {
    queue.add((exchange, request, call) -> send(exchange, 200, "{\"choices\": [ this is not json"));
    return this;
  }

  /**
   * Answers computed from each request once the queue is empty: a conversation script that depends
   * on what was sent (not on how many calls came before) survives a client that restarts half-way,
   * as a resumed run does.
   */
  public OpenAiStub respondWith(java.util.function.Function<Received, Reply> responder) {
    this.responder = responder;
    return this;
  }

  /** Every request received, in order. */
  public List<Received> requests() {
    return List.copyOf(requests);
  }

  public int callCount() {
    return requests.size();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("POST")) {
        send(exchange, 405, "{\"error\": {\"message\": \"POST only\"}}");
        return;
      }
      Received request =
          new Received(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
              Map.copyOf(exchange.getRequestHeaders()));
      requests.add(request);
      int call = requests.size();
      Action action = queue.poll();
      java.util.function.Function<Received, Reply> r = responder;
      if (action == null && r != null) {
        send(exchange, 200, r.apply(request).toJson(call));
        return;
      }
      if (action == null) {
        send(
            exchange,
            418,
            "{\"error\": {\"message\": \"OpenAiStub has no answer queued for call "
                + call
                + "\"}}");
        return;
      }
      action.answer(exchange, request, call);
    } catch (IOException clientGone) {
      // The client timed out and closed the connection: nothing left to answer.
    }
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
