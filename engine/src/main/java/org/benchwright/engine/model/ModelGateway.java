package org.benchwright.engine.model;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.benchwright.engine.model.ModelException.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way the engine calls a model: picks the provider's langchain4j {@link ChatModel} for a
 * {@link ModelConfig}, retries what is worth retrying, and reports usage and cost. Safe to use from
 * several runs at once.
 *
 * <p>Retries are ours, not langchain4j's, so that each attempt and why it failed is recorded.
 */
public final class ModelGateway {

  private static final Logger log = LoggerFactory.getLogger(ModelGateway.class);

  private final ApiKeys keys;
  private final PriceTable prices;
  private final Backoff backoff;
  private final Map<String, Function<ModelConfig, ChatModel>> registered =
      new ConcurrentHashMap<>();

  /** Built-in models are reused: each holds an HTTP client with its connection pool. */
  private final Map<ModelConfig, Built> built = new ConcurrentHashMap<>();

  private record Built(ChatModel model, String key) {
    @Override
    public String toString() {
      return "Built[" + model.getClass().getSimpleName() + "]"; // never the key
    }
  }

  public ModelGateway(ApiKeys keys, PriceTable prices) {
    this(keys, prices, Backoff.DEFAULT);
  }

  ModelGateway(ApiKeys keys, PriceTable prices, Backoff backoff) {
    this.keys = Objects.requireNonNull(keys);
    this.prices = Objects.requireNonNull(prices);
    this.backoff = Objects.requireNonNull(backoff);
  }

  /**
   * Plugs in a provider (e.g. {@code scripted} or {@code replay} for a run) or replaces a built-in
   * one. The factory is asked on every call, so it decides whether a model instance (and its state,
   * such as a script's position) is shared.
   */
  public void register(String provider, Function<ModelConfig, ChatModel> factory) {
    registered.put(Objects.requireNonNull(provider), Objects.requireNonNull(factory));
  }

  /**
   * Sends one request, retrying rate limits, server errors, timeouts and lost connections up to
   * {@code config.maxRetries()} times with exponential backoff.
   *
   * <p>A refusal (the model declines, or the provider's safety filter blocks the prompt or the
   * reply) is an answer: it comes back with {@link ModelCall#refusal()} set, never retried.
   *
   * @throws ModelException when the call fails for good; its {@link ModelException#attempts()} and
   *     {@link ModelException#retries()} tell what was tried. If the thread is interrupted while
   *     waiting to retry, the interrupt flag is set again and the last failure is thrown.
   */
  public ModelCall chat(ModelConfig config, ChatRequest request) {
    long start = System.nanoTime();
    Built model = modelFor(config);
    List<String> failures = new ArrayList<>();
    for (int attempt = 1; ; attempt++) {
      Failures.Failure failure;
      try {
        ChatResponse response = model.model().chat(request);
        return toCall(config, Refusals.mark(response, nameOf(config)), start, attempt, failures);
      } catch (RuntimeException e) {
        Optional<ChatResponse> refused = Refusals.fromException(e);
        if (refused.isPresent()) {
          return toCall(config, refused.get(), start, attempt, failures);
        }
        failure = Failures.map(e, config, model.key(), keys);
      }
      failures.add("attempt " + attempt + ": " + failure.reason());
      ModelException last = failure.exception();
      if (!last.retriable() || attempt > config.maxRetries()) {
        throw givingUp(last, attempt, failures, "");
      }
      if (Thread.currentThread().isInterrupted()) {
        // Interrupted in the middle of the HTTP call: the failure already says so.
        throw givingUp(last, attempt, failures, "");
      }
      Duration wait = backoff.delay(attempt);
      log.warn(
          "{} call failed ({}); retrying in {} ms",
          config.provider(),
          failure.reason(),
          wait.toMillis());
      try {
        Thread.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw givingUp(last, attempt, failures, " Stopped retrying: the call was interrupted.");
      }
    }
  }

  private ModelCall toCall(
      ModelConfig config, ChatResponse response, long start, int attempts, List<String> failures) {
    long latency = (System.nanoTime() - start) / 1_000_000;
    TokenUsage usage = response.tokenUsage();
    long in = usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
    long out = usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
    // Price by the configured name, which is what users set prices for; fall back to the name the
    // server answered with (a proxy's alias may hide a model the table knows).
    String priced =
        prices.knows(config.model()) || response.modelName() == null
            ? config.model()
            : response.modelName();
    return new ModelCall(
        response,
        latency,
        attempts,
        failures,
        in,
        out,
        prices.costUsd(priced, in, out),
        response.aiMessage() == null ? null : response.aiMessage().thinking(),
        Refusals.of(response),
        Refusals.finish(response));
  }

  private static String nameOf(ModelConfig config) {
    return Provider.byId(config.provider())
        .map(p -> p.displayName(config))
        .orElse(config.provider());
  }

  private static ModelException givingUp(
      ModelException last, int attempts, List<String> failures, String note) {
    String tried = attempts > 1 ? " Tried " + attempts + " times." : "";
    return new ModelException(
        last.kind(),
        last.getMessage() + tried + note,
        last.getCause() != null ? last.getCause() : last,
        attempts,
        failures);
  }

  /**
   * What keeps a call with this configuration from being made, without making it: an unknown
   * provider, a missing base URL, a missing API key. The words are those the call would fail with.
   */
  public Optional<String> problem(ModelConfig config) {
    if (registered.containsKey(config.provider())) {
      return Optional.empty();
    }
    try {
      keyFor(config);
      return Optional.empty();
    } catch (ModelException e) {
      return Optional.of(e.getMessage());
    }
  }

  private Built modelFor(ModelConfig config) {
    Function<ModelConfig, ChatModel> factory = registered.get(config.provider());
    if (factory != null) {
      return new Built(factory.apply(config), null);
    }
    String key = keyFor(config); // first: it names an unknown provider
    Provider provider = Provider.byId(config.provider()).orElseThrow();
    Built cached = built.get(config);
    if (cached != null && Objects.equals(cached.key(), key)) {
      return cached;
    }
    Built fresh = new Built(build(provider, config, key), key);
    built.put(config, fresh);
    return fresh;
  }

  /**
   * The key for a built-in provider (null when it takes none), after checking the configuration.
   */
  private String keyFor(ModelConfig config) {
    Provider provider =
        Provider.byId(config.provider()).orElseThrow(() -> unknownProvider(config.provider()));
    if (provider == Provider.OPENAI_COMPATIBLE && config.baseUrl() == null) {
      throw new ModelException(
          Kind.CONFIGURATION,
          "The openai-compatible provider needs a base URL, e.g. http://localhost:8000/v1. Set it"
              + " in the model settings.");
    }
    String key = keys.forProvider(provider.id()).orElse(null);
    if (key == null && provider.keyRequired()) {
      throw new ModelException(
          Kind.CONFIGURATION,
          "There is no API key for "
              + provider.displayName(config)
              + ". Set "
              + String.join(" or ", provider.keyVariables())
              + " or add it to "
              + keys.userFileForDisplay()
              + " as "
              + provider.id()
              + "=<key>.");
    }
    return key;
  }

  private static ChatModel build(Provider provider, ModelConfig config, String key) {
    try {
      return provider.build(config, key);
    } catch (RuntimeException e) {
      throw new ModelException(
          Kind.CONFIGURATION,
          "Could not set up "
              + provider.displayName(config)
              + " ("
              + Failures.redact(e.getMessage(), key)
              + "). Check the model settings.",
          e);
    }
  }

  private static ModelException unknownProvider(String provider) {
    if (provider.equals("scripted") || provider.equals("replay")) {
      return new ModelException(
          Kind.CONFIGURATION,
          provider.equals("scripted")
              ? "The scripted provider has no script for this run. Choose a script file in the"
                  + " run's model settings."
              : "The replay provider has no recorded run to answer from. Start the replay from a"
                  + " recorded run.");
    }
    String known =
        Stream.concat(
                Arrays.stream(Provider.values()).map(Provider::id), Stream.of("scripted", "replay"))
            .collect(Collectors.joining(", "));
    return new ModelException(
        Kind.CONFIGURATION,
        "Unknown model provider '" + provider + "'. Use one of: " + known + ".");
  }
}
