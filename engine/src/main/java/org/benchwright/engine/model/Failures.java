package org.benchwright.engine.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import dev.langchain4j.exception.UnsupportedFeatureException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Optional;
import org.benchwright.engine.model.ModelException.Kind;

/**
 * Turns whatever a provider call threw into a {@link ModelException} the user can act on, plus a
 * one-line reason for the attempt log. The langchain4j client has already mapped HTTP statuses to
 * its own exception types (see its {@code ExceptionMapper}); we look through the whole cause chain
 * because the status may sit below a wrapper.
 *
 * <p>Retriable: HTTP 429, 408 and 5xx, timeouts, refused or reset connections, unreadable answers.
 * Never retried: 400, 401, 403, 404 and the rest of 4xx, unknown hosts, and anything we do not
 * recognise (retrying what we do not understand only multiplies the cost).
 */
final class Failures {

  /** A mapped failure and its reason for {@link ModelCall#retries()}. */
  record Failure(ModelException exception, String reason) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int EXCERPT = 300;

  private Failures() {}

  static Failure map(Throwable thrown, ModelConfig config, String key, ApiKeys keys) {
    if (thrown instanceof ModelException e) {
      return new Failure(e, e.kind().name().toLowerCase().replace('_', ' '));
    }
    Optional<Provider> provider = Provider.byId(config.provider());
    String name = provider.map(p -> p.displayName(config)).orElse(config.provider());
    Throwable cause = redacted(thrown, key);
    int status = find(thrown, HttpException.class).map(HttpException::statusCode).orElse(-1);

    if (status == 408 || isTimeout(thrown)) {
      return failure(
          Kind.TIMEOUT,
          name
              + " did not answer within "
              + human(config.timeout())
              + ". Try again later or raise the model timeout.",
          "timed out after " + human(config.timeout()),
          cause);
    }
    if (status == 429 || has(thrown, RateLimitException.class)) {
      return failure(
          Kind.RATE_LIMITED,
          name
              + " is rate limiting requests (429). Wait a minute, run fewer runs at once, or raise"
              + " the account's limits.",
          "rate limited (HTTP 429)",
          cause);
    }
    if (status == 401 || status == 403 || has(thrown, AuthenticationException.class)) {
      return failure(
          Kind.AUTHENTICATION,
          authenticationAdvice(name, status, provider, config, keys),
          "authentication failed" + http(status),
          cause);
    }
    if (status == 404 || has(thrown, ModelNotFoundException.class)) {
      return failure(
          Kind.BAD_REQUEST,
          name
              + " does not know the model '"
              + config.model()
              + "' (404). Check the model name and the base URL.",
          "not found (HTTP 404)",
          cause);
    }
    if (status >= 500 || has(thrown, InternalServerException.class)) {
      return failure(
          Kind.SERVER_ERROR,
          name + " had a server error" + code(status) + ". Try again later.",
          "server error" + http(status),
          cause);
    }
    if (status >= 400
        || has(thrown, InvalidRequestException.class)
        || has(thrown, UnsupportedFeatureException.class)) {
      return failure(
          Kind.BAD_REQUEST,
          name
              + " refused the request"
              + code(status)
              + ": "
              + providerMessage(thrown, key)
              + ". Check the model settings.",
          "refused" + http(status),
          cause);
    }
    if (has(thrown, JsonProcessingException.class)) {
      return failure(
          Kind.SERVER_ERROR,
          name
              + " sent an answer that is not the JSON it should be. Check the base URL; if it is"
              + " right, try again later.",
          "unreadable answer",
          cause);
    }
    if (has(thrown, InterruptedException.class)) {
      return failure(
          Kind.NETWORK, "The call to " + name + " was interrupted.", "interrupted", cause);
    }
    if (has(thrown, UnresolvedAddressException.class)
        || has(thrown, UnknownHostException.class)
        || has(thrown, UnresolvedModelServerException.class)) {
      return failure(
          Kind.CONFIGURATION,
          "Could not find the host of "
              + where(name, config)
              + ". Check the base URL and the network connection.",
          "unknown host",
          cause);
    }
    if (has(thrown, IOException.class)) {
      String what = has(thrown, ConnectException.class) ? "connection refused" : "connection lost";
      return failure(
          Kind.NETWORK,
          "Could not talk to "
              + where(name, config)
              + " ("
              + what
              + "). Check that it is running and the network connection.",
          what,
          cause);
    }
    return failure(
        Kind.BAD_REQUEST,
        "The call to "
            + name
            + " failed: "
            + excerpt(redact(String.valueOf(thrown.getMessage()), key))
            + ".",
        "failed (" + thrown.getClass().getSimpleName() + ")",
        cause);
  }

  private static Failure failure(Kind kind, String message, String reason, Throwable cause) {
    return new Failure(new ModelException(kind, message, cause), reason);
  }

  private static String authenticationAdvice(
      String name, int status, Optional<Provider> provider, ModelConfig config, ApiKeys keys) {
    if (provider.isEmpty() || !provider.get().usesKey()) {
      return name
          + " refused the request as unauthorised"
          + code(status)
          + ". Check its access settings.";
    }
    Provider p = provider.get();
    String fix =
        "Set "
            + String.join(" or ", p.keyVariables())
            + " or add it to "
            + keys.userFileForDisplay()
            + " as "
            + p.id()
            + "=<key>.";
    return status == 403
        ? name + " refused the API key access to " + config.model() + " (403). " + fix
        : name + " rejected the API key" + code(status) + ". " + fix;
  }

  private static String where(String name, ModelConfig config) {
    if (config.baseUrl() != null && !name.contains(config.baseUrl())) {
      return name + " at " + config.baseUrl();
    }
    return config.provider().equals("ollama") && config.baseUrl() == null
        ? name + " at " + Provider.OLLAMA_DEFAULT_URL
        : name;
  }

  private static boolean isTimeout(Throwable thrown) {
    return has(thrown, dev.langchain4j.exception.TimeoutException.class)
        || has(thrown, HttpTimeoutException.class)
        || has(thrown, SocketTimeoutException.class);
  }

  /** The provider's own words, from its JSON error body when it has one. */
  private static String providerMessage(Throwable thrown, String key) {
    String body =
        find(thrown, HttpException.class).map(Throwable::getMessage).orElse(thrown.getMessage());
    if (body == null || body.isBlank()) {
      return "no reason given";
    }
    try {
      JsonNode json = JSON.readTree(body);
      JsonNode error = json.path("error");
      String said =
          error.path("message").isTextual()
              ? error.path("message").asText()
              : error.isTextual() ? error.asText() : json.path("message").asText(body);
      return excerpt(redact(said, key));
    } catch (JsonProcessingException notJson) {
      return excerpt(redact(body, key));
    }
  }

  private static String excerpt(String text) {
    String line = text.strip().replaceAll("\\s+", " ");
    line = line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
    return line.length() <= EXCERPT ? line : line.substring(0, EXCERPT) + "…";
  }

  static String redact(String text, String key) {
    return key == null || key.isEmpty() || text == null ? text : text.replace(key, "[redacted]");
  }

  /**
   * The cause to attach: the original, unless some message in its chain quotes the key (a server
   * may echo it back); then a copy of the chain with the key redacted and the stack traces kept.
   */
  private static Throwable redacted(Throwable thrown, String key) {
    if (key == null || key.isEmpty() || !mentions(thrown, key)) {
      return thrown;
    }
    return copyRedacted(thrown, key, 0);
  }

  private static boolean mentions(Throwable thrown, String key) {
    for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (String.valueOf(t.getMessage()).contains(key)) {
        return true;
      }
    }
    return false;
  }

  private static Throwable copyRedacted(Throwable t, String key, int depth) {
    Throwable next = t.getCause() == t || depth > 20 ? null : t.getCause();
    RedactedException copy =
        new RedactedException(
            t.getClass().getName() + ": " + redact(t.getMessage(), key),
            next == null ? null : copyRedacted(next, key, depth + 1));
    copy.setStackTrace(t.getStackTrace());
    return copy;
  }

  private static <T extends Throwable> Optional<T> find(Throwable thrown, Class<T> type) {
    for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return Optional.of(type.cast(t));
      }
    }
    return Optional.empty();
  }

  private static boolean has(Throwable thrown, Class<? extends Throwable> type) {
    return find(thrown, type).isPresent();
  }

  /** " (500)" for the user's message; nothing when no HTTP status is known. */
  private static String code(int status) {
    return status > 0 ? " (" + status + ")" : "";
  }

  /** " (HTTP 500)" for the attempt log. */
  private static String http(int status) {
    return status > 0 ? " (HTTP " + status + ")" : "";
  }

  private static String human(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  /** Stands in for a library exception whose message quoted the key. */
  static final class RedactedException extends RuntimeException {
    RedactedException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
