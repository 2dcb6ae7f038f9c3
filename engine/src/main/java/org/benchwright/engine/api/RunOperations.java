package org.benchwright.engine.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.benchwright.engine.agent.RunControl;
import org.benchwright.engine.agent.RunHandle;
import org.benchwright.engine.fork.ForkChange;
import org.benchwright.engine.fork.Forks;
import org.benchwright.engine.live.LiveRuns;
import org.benchwright.engine.live.NewRunRequest;
import org.benchwright.engine.model.ModelConfig;
import org.benchwright.engine.preflight.RunPreflight;
import org.benchwright.engine.project.RunInfo;
import org.benchwright.engine.project.RunStatus;

/** Runs: list, start, control (pause, step, resume, cancel) and fork. */
final class RunOperations {

  private RunOperations() {}

  static void register(Routes r, Service s) {
    r.get("/runs", "listRuns", call -> list(s, call));
    r.post("/runs", "startRun", call -> start(s, call));
    r.get("/runs/{runId}", "getRun", call -> Reply.ok(Views.run(s, run(s, call))));
    r.post("/runs/{runId}/pause", "pauseRun", call -> control(s, call, "pause", RunControl::pause));
    r.post("/runs/{runId}/step", "stepRun", call -> step(s, call));
    r.post("/runs/{runId}/resume", "resumeRun", call -> resume(s, call));
    r.post(
        "/runs/{runId}/cancel",
        "cancelRun",
        call -> control(s, call, "cancel", RunControl::cancel));
    r.post("/runs/{runId}/forks", "forkRun", call -> fork(s, call));
  }

  /** The run a path names. */
  static RunInfo run(Service s, Call call) {
    long id = call.pathLong("runId");
    return s.project()
        .runs()
        .find(id)
        .orElseThrow(() -> ApiProblem.notFound("No run " + id + " in this project."));
  }

  private static Reply list(Service s, Call call) {
    int limit = call.queryLong("limit").map(Long::intValue).orElse(100);
    var status = call.query("status").map(RunStatus::valueOf);
    var workflow = call.query("workflow");
    var parent = call.queryLong("parent");
    var before = call.queryLong("before");
    List<RunInfo> page =
        s.project().runs().list().stream()
            .filter(x -> status.isEmpty() || x.status() == status.get())
            .filter(x -> workflow.isEmpty() || x.workflow().equals(workflow.get()))
            .filter(x -> parent.isEmpty() || parent.get().equals(x.parentRunId()))
            .filter(x -> before.isEmpty() || x.id() < before.get())
            .sorted(Comparator.comparingLong(RunInfo::id).reversed())
            .limit(limit + 1L)
            .toList();
    ObjectNode body = ApiServer.JSON.createObjectNode();
    var runs = body.putArray("runs");
    page.stream().limit(limit).forEach(x -> runs.add(Views.run(s, x)));
    if (page.size() > limit) {
      body.put("next", page.get(limit - 1).id());
    } else {
      body.putNull("next");
    }
    return Reply.ok(body);
  }

  /**
   * A model choice from a request. A base URL is where the provider's API key is sent, so over HTTP
   * a provider that sends a key may only be pointed at this machine (a local gateway or test
   * server): anyone holding the service's token could otherwise have the user's key sent to a host
   * of their choosing. A scripted model's turns file must be a JSON or YAML file.
   */
  static ModelConfig model(JsonNode choice) {
    String provider = choice.path("provider").asText();
    ModelConfig m = ModelConfig.of(provider, choice.path("name").asText(""));
    if (!choice.hasNonNull("baseUrl")) {
      return m;
    }
    String url = choice.get("baseUrl").asText();
    if (provider.equals("scripted")) {
      if (!url.startsWith("file:") || !url.toLowerCase(Locale.ROOT).matches(".*\\.(json|ya?ml)")) {
        throw ApiProblem.unprocessable(
            "A scripted model's baseUrl is its turns file as a file: URI ending in .json, .yaml"
                + " or .yml; got "
                + url
                + ".");
      }
    } else if (!provider.equals("ollama") && !loopback(url)) {
      throw ApiProblem.unprocessable(
          "The service sends "
              + provider
              + "'s API key only to its own endpoint or to this machine: a baseUrl of "
              + url
              + " is refused. Leave baseUrl out, or run the gateway on this machine.");
    }
    return m.withBaseUrl(url);
  }

  /**
   * A URL naming this machine by a loopback literal or {@code localhost} (no name is looked up).
   */
  private static boolean loopback(String url) {
    try {
      String host = java.net.URI.create(url).getHost();
      return host != null
          && (host.equalsIgnoreCase("localhost")
              || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")
              || host.equals("[::1]"));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static Reply start(Service s, Call call) {
    JsonNode b = call.body();
    ModelConfig model = model(b.path("model"));
    // A scripted model's script is a file on the service's machine, named by its base URL (a
    // file: URI), as the workbench records it.
    Path script =
        "scripted".equals(model.provider()) && model.baseUrl() != null
            ? LiveRuns.scriptFile(model.baseUrl())
            : null;
    RunHandle h =
        preflighted(
            () ->
                s.runs()
                    .start(
                        new NewRunRequest(
                            b.path("workflow").asText(),
                            b.path("task").asText(),
                            model,
                            script,
                            b.path("paused").asBoolean(false))));
    RunInfo run = s.project().runs().find(h.runId()).orElseThrow();
    return Reply.created(Views.run(s, run), "/runs/" + run.id());
  }

  /** Runs what may be refused by the preflight (key, Docker, image) as a 422 naming the fix. */
  private static <T> T preflighted(Supplier<T> action) {
    try {
      return action.get();
    } catch (RunPreflight.Refused e) {
      throw ApiProblem.unprocessable(e.getMessage());
    }
  }

  private static Reply control(Service s, Call call, String what, Consumer<RunControl> action) {
    RunInfo run = run(s, call);
    RunHandle h = liveOrRefuse(s, run, what);
    action.accept(h.control());
    return Reply.ok(Views.run(s, s.project().runs().find(run.id()).orElseThrow()));
  }

  private static Reply step(Service s, Call call) {
    RunInfo run = run(s, call);
    RunHandle h = liveOrRefuse(s, run, "step");
    if (!h.control().isPaused()) {
      throw ApiProblem.conflict("Run " + run.id() + " is not paused: pause it before stepping.");
    }
    h.control().step();
    return Reply.ok(Views.run(s, s.project().runs().find(run.id()).orElseThrow()));
  }

  private static Reply resume(Service s, Call call) {
    RunInfo run = run(s, call);
    var live = s.live(run.id());
    if (live.isPresent()) {
      live.get().control().resume();
    } else if (run.status() == RunStatus.PAUSED || run.status() == RunStatus.INTERRUPTED) {
      s.runtime().resume(run.id());
    } else {
      throw ApiProblem.conflict(
          "Run "
              + run.id()
              + " is "
              + run.status().name().toLowerCase(java.util.Locale.ROOT)
              + (run.status().isLive()
                  ? " in another process; resume it there."
                  : " and cannot be resumed; fork it to go on from a step."));
    }
    return Reply.ok(Views.run(s, s.project().runs().find(run.id()).orElseThrow()));
  }

  private static RunHandle liveOrRefuse(Service s, RunInfo run, String what) {
    return s.live(run.id())
        .orElseThrow(
            () ->
                ApiProblem.conflict(
                    "Cannot "
                        + what
                        + " run "
                        + run.id()
                        + ": this service does not drive it (it is "
                        + run.status().name().toLowerCase(java.util.Locale.ROOT)
                        + ")."));
  }

  private static Reply fork(Service s, Call call) {
    RunInfo parent = run(s, call);
    JsonNode b = call.body();
    String cont = b.path("continue").asText("none");
    ForkChange change =
        ForkChange.none(
                b.path("by").asText("api"), b.hasNonNull("why") ? b.get("why").asText() : null)
            .reusingDecisions(b.path("reuseDecisions").asBoolean(false));
    if (b.hasNonNull("reply")) {
      change = change.withReply(b.get("reply"));
    }
    if (b.hasNonNull("task")) {
      change = change.withTask(b.get("task").asText());
    }
    if (b.hasNonNull("plan")) {
      change = change.withPlan(b.get("plan").asText());
    }
    if (b.hasNonNull("model")) {
      change = change.withModel(model(b.get("model")));
    }
    if (cont.equals("live")) {
      ModelConfig m =
          b.hasNonNull("model")
              ? model(b.get("model"))
              : ModelConfig.fromJson(parent.modelConfigJson());
      // Refused before the fork is made, so a fork that cannot go on is never recorded.
      preflighted(
          () -> {
            s.runs().requireCanRun(m, parent.workflow());
            return null;
          });
    }
    var live = s.runs();
    Forks.Made made = new Forks(s.project()).fork(parent.id(), b.path("at").asLong(), change);
    long id = made.fork().id();
    if (!cont.equals("none")) {
      preflighted(() -> live.continueFork(id, cont.equals("replay")));
    }
    ObjectNode body = ApiServer.JSON.createObjectNode();
    body.set("run", Views.run(s, s.project().runs().find(id).orElseThrow()));
    body.put("at", made.point().seq());
    body.put("requested", made.point().requested());
    body.put("moved", made.point().moved() ? made.point().note() : null);
    return Reply.created(body, "/runs/" + id);
  }
}
