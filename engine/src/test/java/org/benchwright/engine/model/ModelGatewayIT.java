package org.benchwright.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.output.FinishReason;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import org.benchwright.engine.model.ModelException.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real langchain4j OpenAI client, driven through the gateway against a local stub. */
class ModelGatewayIT {

  private static final String PLANTED_KEY = "sk-planted-0123456789abcdef";
  private static final Backoff QUICK = new Backoff(Duration.ofMillis(10), Duration.ofMillis(40));

  private OpenAiStub stub;
  private ModelGateway gateway;

  @BeforeEach
  void startStub() {
    stub = OpenAiStub.start();
    gateway = gatewayWith(QUICK);
  }

  @AfterEach
  void stopStub() {
    stub.close();
  }

  @Test
  void textReplyCarriesUsageAndCostFromThePriceTable() {
    stub.enqueue(OpenAiStub.reply().text("Hello, engineer.").usage(1000, 500));

    ModelCall call = gateway.chat(openAi(3, Duration.ofSeconds(5)), hello());

    assertThat(call.response().aiMessage().text()).isEqualTo("Hello, engineer.");
    assertThat(call.response().finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(call.inputTokens()).isEqualTo(1000);
    assertThat(call.outputTokens()).isEqualTo(500);
    // gpt-4o: $2.50 in, $10.00 out per million tokens
    assertThat(call.costUsd())
        .isCloseTo(0.0025 + 0.005, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(call.attempts()).isEqualTo(1);
    assertThat(call.retries()).isEmpty();
    assertThat(call.reasoning()).isNull();
    assertThat(stub.requests().get(0).json().path("model").asText()).isEqualTo("gpt-4o");
    assertThat(stub.requests().get(0).json().path("messages").get(1).path("content").asText())
        .isEqualTo("Say hello.");
  }

  @Test
  void toolCallsComeBackWithIdsNamesAndArgumentsAndTheToolsWereSent() {
    stub.enqueue(
        OpenAiStub.reply()
            .toolCall("call_1", "write_file", "{\"path\":\"a.py\",\"content\":\"print(1)\"}")
            .toolCall("call_2", "run", "{\"command\":\"python a.py\"}"));
    ChatRequest request =
        ChatRequest.builder()
            .messages(UserMessage.from("Write and run a.py"))
            .toolSpecifications(writeFile())
            .build();

    ModelCall call = gateway.chat(openAi(3, Duration.ofSeconds(5)), request);

    assertThat(call.response().aiMessage().toolExecutionRequests())
        .extracting(
            ToolExecutionRequest::id, ToolExecutionRequest::name, ToolExecutionRequest::arguments)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "call_1", "write_file", "{\"path\":\"a.py\",\"content\":\"print(1)\"}"),
            org.assertj.core.groups.Tuple.tuple("call_2", "run", "{\"command\":\"python a.py\"}"));
    assertThat(call.response().finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
    var sentTool = stub.requests().get(0).json().path("tools").get(0).path("function");
    assertThat(sentTool.path("name").asText()).isEqualTo("write_file");
    assertThat(sentTool.path("parameters").path("required").toString())
        .isEqualTo("[\"path\",\"content\"]");
  }

  @Test
  void reasoningContentIsKept() {
    stub.enqueue(OpenAiStub.reply().text("42").reasoning("Six times seven."));

    ModelCall call = gateway.chat(openAi(3, Duration.ofSeconds(5)), hello());

    assertThat(call.reasoning()).isEqualTo("Six times seven.");
    assertThat(call.response().aiMessage().thinking()).isEqualTo("Six times seven.");
  }

  @Test
  void rateLimitIsRetriedAndTheReasonRecorded() {
    stub.enqueueStatus(429).enqueueText("after the wait");

    ModelCall call = gateway.chat(openAi(3, Duration.ofSeconds(5)), hello());

    assertThat(call.response().aiMessage().text()).isEqualTo("after the wait");
    assertThat(call.attempts()).isEqualTo(2);
    assertThat(call.retries()).containsExactly("attempt 1: rate limited (HTTP 429)");
    assertThat(stub.callCount()).isEqualTo(2);
  }

  @Test
  void serverErrorsFailAfterEveryAttemptIsUsed() {
    for (int i = 0; i < 4; i++) {
      stub.enqueueStatus(500);
    }

    ModelException e =
        catchThrowableOfType(
            ModelException.class, () -> gateway.chat(openAi(3, Duration.ofSeconds(5)), hello()));

    assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR);
    assertThat(e.attempts()).isEqualTo(4);
    assertThat(e.retries()).hasSize(4).allMatch(r -> r.endsWith("server error (HTTP 500)"));
    assertThat(e.getMessage())
        .isEqualTo("OpenAI had a server error (500). Try again later. Tried 4 times.");
    assertThat(stub.callCount()).isEqualTo(4);
  }

  @Test
  void slowAnswerTimesOutAndIsRetried() {
    stub.enqueueDelay(Duration.ofSeconds(3)).enqueueText("in time");

    ModelCall call = gateway.chat(openAi(3, Duration.ofMillis(400)), hello());

    assertThat(call.response().aiMessage().text()).isEqualTo("in time");
    assertThat(call.retries()).containsExactly("attempt 1: timed out after 400 ms");
  }

  @Test
  void answersThatNeverComeInTimeFailAsTimeout() {
    stub.enqueueDelay(Duration.ofSeconds(3)).enqueueDelay(Duration.ofSeconds(3));

    ModelException e =
        catchThrowableOfType(
            ModelException.class, () -> gateway.chat(openAi(1, Duration.ofMillis(400)), hello()));

    assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
    assertThat(e.retriable()).isTrue();
    assertThat(e.attempts()).isEqualTo(2);
    assertThat(e.getMessage()).startsWith("OpenAI did not answer within 400 ms.");
    assertThat(stub.callCount()).isEqualTo(2);
  }

  @Test
  void rejectedKeyIsNotRetriedAndTheMessageNamesTheVariable() {
    stub.enqueueStatus(401).enqueueText("never asked for");

    ModelException e =
        catchThrowableOfType(
            ModelException.class, () -> gateway.chat(openAi(3, Duration.ofSeconds(5)), hello()));

    assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
    assertThat(e.retriable()).isFalse();
    assertThat(e.getMessage())
        .isEqualTo(
            "OpenAI rejected the API key (401). Set OPENAI_API_KEY or add it to "
                + ApiKeys.of(Map.of(), null).userFileForDisplay()
                + " as openai=<key>.");
    assertThat(stub.callCount()).isEqualTo(1);
  }

  @Test
  void theKeySentComesFromApiKeysAndIsNeverShown() {
    stub.enqueueText("ok").enqueueStatus(401);
    ModelConfig config = openAi(0, Duration.ofSeconds(5));

    ModelCall call = gateway.chat(config, hello());
    ModelException e =
        catchThrowableOfType(ModelException.class, () -> gateway.chat(config, hello()));

    assertThat(stub.requests())
        .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + PLANTED_KEY));
    // The stub echoed the key in its 401 body; none of what we show may repeat it.
    assertThat(stub.requests()).hasSize(2);
    assertThat(call.toString()).doesNotContain(PLANTED_KEY);
    assertThat(config.toJson()).doesNotContain(PLANTED_KEY);
    assertThat(e.getMessage()).doesNotContain(PLANTED_KEY);
    assertThat(e.toString()).doesNotContain(PLANTED_KEY);
    assertThat(stackTrace(e)).doesNotContain(PLANTED_KEY).contains("[redacted]");
    assertThat(ApiKeys.of(Map.of("OPENAI_API_KEY", PLANTED_KEY), null).toString())
        .doesNotContain(PLANTED_KEY);
  }

  @Test
  void badRequestIsNotRetriedAndQuotesTheProvider() {
    stub.enqueueStatus(400);

    assertThatThrownBy(() -> gateway.chat(openAi(3, Duration.ofSeconds(5)), hello()))
        .isInstanceOfSatisfying(
            ModelException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST);
              assertThat(e.attempts()).isEqualTo(1);
            })
        .hasMessage(
            "OpenAI refused the request (400): Invalid value for 'messages': bad request from the"
                + " stub. Check the model settings.");
    assertThat(stub.callCount()).isEqualTo(1);
  }

  @Test
  void unknownModelIsNotRetried() {
    stub.enqueueStatus(404);

    assertThatThrownBy(() -> gateway.chat(openAi(3, Duration.ofSeconds(5)), hello()))
        .hasMessageStartingWith("OpenAI does not know the model 'gpt-4o' (404).");
    assertThat(stub.callCount()).isEqualTo(1);
  }

  @Test
  void unreadableAnswerIsRetried() {
    stub.enqueueInvalidJson().enqueueText("readable");

    ModelCall call = gateway.chat(openAi(3, Duration.ofSeconds(5)), hello());

    assertThat(call.response().aiMessage().text()).isEqualTo("readable");
    assertThat(call.retries()).containsExactly("attempt 1: unreadable answer");
  }

  @Test
  void refusedConnectionIsANetworkFailureAndRetried() {
    ModelConfig nobodyListens =
        new ModelConfig(
            "openai", "gpt-4o", "http://127.0.0.1:1/v1", null, null, Duration.ofSeconds(2), 1);

    ModelException e =
        catchThrowableOfType(ModelException.class, () -> gateway.chat(nobodyListens, hello()));

    assertThat(e.kind()).isEqualTo(Kind.NETWORK);
    assertThat(e.attempts()).isEqualTo(2);
    assertThat(e.getMessage()).contains("http://127.0.0.1:1/v1").contains("connection refused");
  }

  @Test
  void openAiCompatibleServerWorksWithoutAKey() {
    stub.enqueue(OpenAiStub.reply().text("local model here").model("qwen3-coder"));
    ModelGateway noKeys =
        new ModelGateway(ApiKeys.of(Map.of(), null), PriceTable.defaults(), QUICK);
    ModelConfig local =
        new ModelConfig(
            "openai-compatible", "qwen3-coder", stub.baseUrl(), 0.2, 256, Duration.ofSeconds(5), 0);

    ModelCall call = noKeys.chat(local, hello());

    assertThat(call.response().aiMessage().text()).isEqualTo("local model here");
    assertThat(call.costUsd()).isZero();
    assertThat(stub.requests().get(0).header("Authorization")).isNull();
    assertThat(stub.requests().get(0).json().path("temperature").asDouble()).isEqualTo(0.2);
    assertThat(stub.requests().get(0).json().path("max_tokens").asInt()).isEqualTo(256);
  }

  @Test
  void interruptWhileWaitingToRetryStopsAndKeepsTheFlag() throws Exception {
    ModelGateway patient = gatewayWith(new Backoff(Duration.ofSeconds(20), Duration.ofSeconds(20)));
    stub.enqueueStatus(503).enqueueText("too late");
    Thread caller = Thread.currentThread();
    Thread interrupter =
        Thread.ofPlatform()
            .start(
                () -> {
                  while (stub.callCount() < 1) {
                    Thread.onSpinWait();
                  }
                  try {
                    Thread.sleep(300);
                  } catch (InterruptedException ignored) {
                    return;
                  }
                  caller.interrupt();
                });
    try {
      ModelException e =
          catchThrowableOfType(
              ModelException.class, () -> patient.chat(openAi(3, Duration.ofSeconds(5)), hello()));

      assertThat(Thread.currentThread().isInterrupted()).isTrue();
      assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR);
      assertThat(e.getMessage()).endsWith("Stopped retrying: the call was interrupted.");
      assertThat(stub.callCount()).isEqualTo(1);
    } finally {
      Thread.interrupted();
      interrupter.join();
    }
  }

  private ModelGateway gatewayWith(Backoff backoff) {
    return new ModelGateway(
        ApiKeys.of(Map.of("OPENAI_API_KEY", PLANTED_KEY), null), PriceTable.defaults(), backoff);
  }

  private ModelConfig openAi(int maxRetries, Duration timeout) {
    return new ModelConfig("openai", "gpt-4o", stub.baseUrl(), null, null, timeout, maxRetries);
  }

  private static ChatRequest hello() {
    return ChatRequest.builder()
        .messages(SystemMessage.from("You are terse."), UserMessage.from("Say hello."))
        .build();
  }

  private static ToolSpecification writeFile() {
    return ToolSpecification.builder()
        .name("write_file")
        .description("Writes a file in the workspace")
        .parameters(
            JsonObjectSchema.builder()
                .addStringProperty("path")
                .addStringProperty("content")
                .required("path", "content")
                .build())
        .build();
  }

  private static String stackTrace(Throwable e) {
    StringWriter out = new StringWriter();
    e.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
