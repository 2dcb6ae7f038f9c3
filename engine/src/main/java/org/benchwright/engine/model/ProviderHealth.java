package org.benchwright.engine.model;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Whether a model configuration can be used right now, and what to do if not: for the desktop's
 * status bar. Checks that the provider's key is present (never what it is), and for a local or
 * self-hosted endpoint (Ollama, an OpenAI-compatible URL) that something answers HTTP there. Hosted
 * providers are not called: a probe would cost the user a request at every start.
 *
 * @param state what is wrong, if anything
 * @param summary a few words for the status bar, e.g. "OpenAI: key set"
 * @param advice what to do, or what was checked when all is well
 */
public record ProviderHealth(State state, String summary, String advice) {

  public enum State {
    READY,
    /** The provider needs a key and none is set. */
    KEY_MISSING,
    /** Nothing answers at the configured endpoint. */
    UNREACHABLE,
    /** The configuration itself is wrong (unknown provider, unreadable key file). */
    MISCONFIGURED,
    /** scripted / replay: works offline, from a file or a recorded run. */
    OFFLINE
  }

  public boolean ready() {
    return state == State.READY || state == State.OFFLINE;
  }

  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

  /** Checks {@code config} with the user's keys; may make one short HTTP request. */
  public static ProviderHealth check(ApiKeys keys, ModelConfig config) {
    String id = config.provider();
    if (id.equals("scripted") || id.equals("replay")) {
      return new ProviderHealth(
          State.OFFLINE,
          id + ": offline",
          id.equals("scripted")
              ? "Runs answer from a script file; no key or network needed."
              : "Runs answer from a recorded run; no key or network needed.");
    }
    Optional<Provider> known = Provider.byId(id);
    if (known.isEmpty()) {
      return new ProviderHealth(
          State.MISCONFIGURED,
          "Unknown provider " + id,
          "Choose openai, anthropic, gemini, ollama, openai-compatible or scripted in Run ▸ New"
              + " Run….");
    }
    Provider p = known.get();
    String name = p.displayName(config);
    Optional<String> key;
    try {
      key = keys.forProvider(id);
    } catch (ModelException e) {
      return new ProviderHealth(
          State.MISCONFIGURED, name + ": key file unreadable", e.getMessage());
    }
    if (p.keyRequired() && key.isEmpty()) {
      return new ProviderHealth(
          State.KEY_MISSING,
          name + ": no API key",
          "Set "
              + String.join(" or ", p.keyVariables())
              + " in the environment before starting Benchwright, or add a line "
              + p.id()
              + "=YOUR_KEY to "
              + keys.userFileForDisplay()
              + " (readable only by you: chmod 600). Offline, choose the scripted provider.");
    }
    String url =
        config.baseUrl() != null
            ? config.baseUrl()
            : p == Provider.OLLAMA ? Provider.OLLAMA_DEFAULT_URL : null;
    if (p == Provider.OPENAI_COMPATIBLE && url == null) {
      return new ProviderHealth(
          State.MISCONFIGURED,
          name + ": no URL",
          "An OpenAI-compatible server needs its base URL, e.g. http://localhost:8000/v1.");
    }
    if (url != null) {
      Optional<String> problem = probe(url);
      if (problem.isPresent()) {
        return new ProviderHealth(
            State.UNREACHABLE,
            name + ": not reachable",
            "Nothing answers at "
                + url
                + " ("
                + problem.get()
                + "). Start the server"
                + (p == Provider.OLLAMA ? " (`ollama serve`)" : "")
                + " or correct the URL in Run ▸ New Run….");
      }
      return new ProviderHealth(
          State.READY, name + ": reachable", "The server at " + url + " answers HTTP.");
    }
    return new ProviderHealth(
        State.READY,
        name + ": key set",
        "A key for " + name + " is set; it is checked on the first request of a run.");
  }

  /** Any HTTP answer (even 404 or 401) means a server listens; only no answer is a problem. */
  private static Optional<String> probe(String url) {
    try (HttpClient client = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build()) {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(url)).timeout(PROBE_TIMEOUT).GET().build();
      client.send(request, HttpResponse.BodyHandlers.discarding());
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of("not a URL: " + e.getMessage());
    } catch (java.io.IOException e) {
      return Optional.of(
          e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted");
    }
  }
}
