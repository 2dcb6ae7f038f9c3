package org.benchwright.engine.live;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.benchwright.engine.agent.AgentRuntime;
import org.benchwright.engine.agent.Decision;
import org.benchwright.engine.agent.RunHandle;
import org.benchwright.engine.automl.MlSandbox;
import org.benchwright.engine.capabilities.CapabilitySandbox;
import org.benchwright.engine.model.ApiKeys;
import org.benchwright.engine.model.ModelGateway;
import org.benchwright.engine.model.ScriptedChatModel;
import org.benchwright.engine.preflight.RunPreflight;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RunStatus;
import org.benchwright.engine.sandbox.Sandboxes;
import org.benchwright.engine.workflow.Workflows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine side of live runs for one open project, shared by the desktop and the HTTP service:
 * one {@link AgentRuntime}, one model gateway, and sandboxes started only when a run first executes
 * code (so a project whose runs never need Docker never touches it). Thread-safe; none of it runs
 * on the FX thread.
 */
public final class LiveRuns implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LiveRuns.class);

  private final Project project;
  private final ModelGateway gateway;
  private final RunPreflight preflight;
  private final AgentRuntime runtime;
  // Scripted models by script file: a run keeps its own position in the script.
  private final Map<String, ScriptedChatModel> scripts = new ConcurrentHashMap<>();
  private Sandboxes sandboxes; // guarded by this
  private boolean closed; // guarded by this

  public LiveRuns(Project project, ApiKeys keys) {
    this.project = Objects.requireNonNull(project);
    this.gateway = new ModelGateway(keys, Workflows.prices(project));
    this.preflight = new RunPreflight(keys);
    gateway.register(
        "scripted",
        cfg -> {
          ScriptedChatModel m = cfg.baseUrl() == null ? null : scripts.get(cfg.baseUrl());
          if (m == null) {
            throw new IllegalStateException(
                "The scripted provider has no script for this run; start it with a script file.");
          }
          return m;
        });
    this.runtime = Workflows.runtime(project, gateway, this::sandboxes);
  }

  public Project project() {
    return project;
  }

  /** The runtime, for gates ({@link AgentRuntime#decide}) and handles. */
  public AgentRuntime runtime() {
    return runtime;
  }

  /**
   * Starts a run. What the run needs is checked first ({@link RunPreflight}: key, Docker, image),
   * and for the scripted provider the script is read first, so a missing key, a stopped Docker or a
   * malformed script fails here, before a run is recorded.
   *
   * @throws RunPreflight.Refused naming what to fix
   */
  public RunHandle start(NewRunRequest request) {
    requireCanRun(request.model(), request.workflow());
    if (request.script() != null) {
      ScriptedChatModel model = ScriptedChatModel.fromFile(request.script());
      scripts.put(request.model().baseUrl(), model);
    }
    // The inputs go in as the import node's files, as the CLI records a run's inputs.
    return runtime.start(
        request.workflow(),
        request.task(),
        request.model(),
        request.paused(),
        runId ->
            request
                .inputFiles()
                .forEach(
                    (path, content) ->
                        project
                            .files()
                            .write(
                                runId,
                                org.benchwright.engine.project.FolderImport.NODE,
                                path,
                                content)));
  }

  /**
   * Continues a fork made at its point: live with its model, or as a live replay of its parent's
   * recorded answers (ADR 0040). A fork of a scripted run goes on with the turns of its script the
   * parent had not used up to the fork point, read again from the script file.
   */
  public RunHandle continueFork(long forkId, boolean replay) {
    if (replay) {
      return runtime.replayFork(forkId);
    }
    var fork =
        project
            .runs()
            .find(forkId)
            .orElseThrow(() -> new IllegalArgumentException("No run " + forkId + "."));
    var model = org.benchwright.engine.model.ModelConfig.fromJson(fork.modelConfigJson());
    requireCanRun(model, fork.workflow());
    if ("scripted".equals(model.provider()) && model.baseUrl() != null) {
      scripts.put(
          model.baseUrl(),
          ScriptedChatModel.fromFile(scriptFile(model.baseUrl()))
              .after(AgentRuntime.scriptTurnsUsed(project, forkId)));
    }
    return runtime.resume(forkId);
  }

  /**
   * The turns file a scripted model's base URL names: a {@code file:} URI (as the workbench and the
   * HTTP service record it) or, from older runs and the CLI, a plain path.
   */
  public static java.nio.file.Path scriptFile(String baseUrl) {
    if (baseUrl.startsWith("file:")) {
      try {
        return java.nio.file.Path.of(java.net.URI.create(baseUrl));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "The scripted model's script is not a file URI: "
                + baseUrl
                + " ("
                + e.getMessage()
                + ")");
      }
    }
    return java.nio.file.Path.of(baseUrl);
  }

  /**
   * Checks what a run of {@code workflow} with {@code model} needs (key, Docker, image), so a
   * caller can refuse before it records anything (a fork refused before it is made).
   *
   * @throws RunPreflight.Refused naming what to fix
   * @throws IllegalArgumentException for a workflow this project does not know
   */
  public void requireCanRun(org.benchwright.engine.model.ModelConfig model, String workflow) {
    preflight.require(model, Workflows.image(project, workflow));
    if ("scripted".equals(model.provider()) && model.baseUrl() != null) {
      ScriptedChatModel.fromFile(scriptFile(model.baseUrl())); // a missing or broken script
    }
  }

  public Optional<RunHandle> handle(long runId) {
    return runtime.handle(runId);
  }

  /**
   * Decides the pending gate of a run (the TODO panel's approve / reject / edit). The runtime
   * resumes a run waiting for approval that is not running in this process (the app was closed
   * while it waited) with the decision; a run that ended is refused here, naming its state.
   */
  public synchronized void decide(long runId, Decision decision) {
    if (runtime.handle(runId).isEmpty()) {
      RunStatus status =
          project
              .runs()
              .find(runId)
              .orElseThrow(() -> new IllegalArgumentException("No run " + runId + "."))
              .status();
      if (status != RunStatus.WAITING_FOR_APPROVAL && status != RunStatus.INTERRUPTED) {
        throw new IllegalStateException(
            "Run " + runId + " is " + status.name().toLowerCase() + "; it has no gate to decide.");
      }
    }
    runtime.decide(runId, decision);
  }

  /**
   * Where a capability's tests re-run from the desktop: sessions of these runs' sandboxes, started
   * on the first command. Not sandboxes of their own: starting another set for this project would
   * remove the containers of its live runs as orphans.
   */
  public CapabilitySandbox capabilitySandbox() {
    return (files, command, timeout, fetch) ->
        CapabilitySandbox.of(sandboxes()).run(files, command, timeout, fetch);
  }

  /**
   * Where datasets are profiled from the desktop (adding one, overriding its target): a session of
   * the ml image in these runs' sandboxes, for the same reason as {@link #capabilitySandbox()}.
   */
  public MlSandbox mlSandbox() {
    return (inputs, command, timeout, fetch, into) ->
        MlSandbox.of(
                sandboxes(),
                org.benchwright.engine.sandbox.SandboxDefaults.limitsFor(
                    project.settings(), "automl"))
            .run(inputs, command, timeout, fetch, into);
  }

  private synchronized Sandboxes sandboxes() {
    if (closed) {
      throw new IllegalStateException("The project is closing; no new sandboxes.");
    }
    if (sandboxes == null) {
      sandboxes = Sandboxes.start(Sandboxes.Settings.forProject(project, null));
    }
    return sandboxes;
  }

  /**
   * Cancels live runs and waits up to {@code grace} for them to record how they ended, then stops
   * the sandboxes. The project itself stays open: its owner closes it.
   */
  public void close(Duration grace) {
    synchronized (this) {
      closed = true;
    }
    Thread closer = new Thread(runtime::close, "live-runs-close");
    closer.setDaemon(true);
    closer.start();
    try {
      closer.join(grace.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (closer.isAlive()) {
      LOG.warn(
          "Runs of {} still ending after {}; they will be marked interrupted",
          project.file(),
          grace);
    }
    Sandboxes s;
    synchronized (this) {
      s = sandboxes;
      sandboxes = null;
    }
    if (s != null) {
      s.close();
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }
}
