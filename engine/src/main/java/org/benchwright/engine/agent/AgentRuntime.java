package org.benchwright.engine.agent;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.benchwright.engine.model.ModelConfig;
import org.benchwright.engine.model.ModelGateway;
import org.benchwright.engine.model.RecordedExchange;
import org.benchwright.engine.model.ReplayChatModel;
import org.benchwright.engine.project.EventPayload;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.FolderImport;
import org.benchwright.engine.project.NewRun;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RunFiles;
import org.benchwright.engine.project.RunInfo;
import org.benchwright.engine.project.RunStatus;
import org.benchwright.engine.sandbox.RunSandbox;
import org.benchwright.engine.sandbox.SandboxSpec;
import org.benchwright.engine.sandbox.Sandboxes;

/**
 * Starts, resumes, replays and steers agent runs of one project. Each run executes on its own
 * thread; the caller steers it through its {@link RunHandle} and decides its gates here.
 */
public final class AgentRuntime implements AutoCloseable {

  private final Project project;
  private final ModelGateway gateway;
  private final Supplier<Sandboxes> sandboxes;
  private final WorkflowCatalog catalog;
  private final ExecutorService runs =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "agent-run");
            t.setDaemon(true);
            return t;
          });
  private final Map<Long, AgentRun> live = new ConcurrentHashMap<>();
  private final Map<Long, RunHandle> handles = new ConcurrentHashMap<>();
  private final Map<String, ReplayChatModel> replays = new ConcurrentHashMap<>();

  public AgentRuntime(
      Project project,
      ModelGateway gateway,
      Supplier<Sandboxes> sandboxes,
      WorkflowCatalog catalog) {
    this.project = project;
    this.gateway = gateway;
    this.sandboxes = sandboxes;
    this.catalog = catalog;
    // The gateway asks for a model on every call; a replay must keep its position, so there is
    // one replay model per replay run (its config names the source run and a fresh nonce).
    gateway.register("replay", cfg -> replays.computeIfAbsent(cfg.model(), this::replayOf));
  }

  /** Creates a run of a workflow on a task and starts it. */
  public RunHandle start(String workflow, String task, ModelConfig model) {
    return start(workflow, task, model, false);
  }

  /** Starts a run, optionally paused before its first event (to step through it). */
  public RunHandle start(String workflow, String task, ModelConfig model, boolean paused) {
    return start(workflow, task, model, paused, runId -> {});
  }

  /**
   * Starts a run whose files begin with what {@code inputs} records for it (an imported folder, a
   * spec file) before its first step.
   *
   * @throws RuntimeException what {@code inputs} threw; the run is then recorded as failed with
   *     that reason, so nothing half-imported looks like a run that can go on
   */
  public RunHandle start(
      String workflow,
      String task,
      ModelConfig model,
      boolean paused,
      java.util.function.LongConsumer inputs) {
    WorkflowDefinition def = catalog.workflow(workflow);
    RunInfo run = project.runs().create(new NewRun(def.name(), task, model.toJson()));
    try {
      inputs.accept(run.id());
    } catch (RuntimeException e) {
      String reason = "The run's inputs could not be recorded: " + e.getMessage();
      project
          .events()
          .append(
              run.id(),
              org.benchwright.engine.project.Event.of(
                  null, new EventPayload.Outcome(RunStatus.FAILED.name(), "failed", reason)));
      project.runs().finish(run.id(), RunStatus.FAILED, "failed", reason, 0);
      throw e;
    }
    RunControl control = new RunControl();
    if (paused) {
      control.pause();
    }
    return launch(run.id(), task, def, model, control, null);
  }

  /** Re-runs a recorded run with its recorded model answers (offline); tools run for real. */
  public RunHandle replay(long sourceRunId) {
    RunInfo source =
        project
            .runs()
            .find(sourceRunId)
            .orElseThrow(() -> new IllegalArgumentException("No run " + sourceRunId));
    ModelConfig replay = ModelConfig.of("replay", source.uid() + "/" + java.util.UUID.randomUUID());
    return start(
        source.workflow(), source.task(), replay, false, id -> copyInputs(sourceRunId, id));
  }

  /**
   * A run that began with an imported folder replays from the same files: the import's versions are
   * recorded into the new run (the blobs are shared, not copied), or its setup would find nothing
   * to work on.
   */
  private void copyInputs(long sourceRunId, long runId) {
    long lastImport;
    try (var changes = project.events().stream(sourceRunId, Set.of(EventType.FILE_CHANGE))) {
      lastImport =
          changes
              .filter(e -> FolderImport.NODE.equals(e.node()))
              .mapToLong(e -> e.seq())
              .max()
              .orElse(0);
    }
    if (lastImport == 0) {
      return;
    }
    List<RunFiles.Change> inputs =
        project.files().filesAt(sourceRunId, lastImport).values().stream()
            .map(v -> new RunFiles.Change(v.path(), v.blobSha(), v.size(), v.symlink()))
            .toList();
    project.files().record(runId, FolderImport.NODE, inputs);
  }

  /** Continues an interrupted or paused run from its log. */
  public RunHandle resume(long runId) {
    return resume(runId, (Decision) null);
  }

  /**
   * Continues a fork as a live replay (ADR 0040): its model calls are answered with what the parent
   * recorded after the fork point, in order, while tools run for real; the first request that
   * differs from the recorded one is flagged as the divergence and ends the replay there. A reply
   * written at the fork answers the first call itself, so the recording's first call is skipped.
   */
  public RunHandle replayFork(long forkId) {
    RunInfo fork =
        project
            .runs()
            .find(forkId)
            .orElseThrow(() -> new IllegalArgumentException("No run " + forkId));
    EventPayload.Fork made =
        project
            .runs()
            .forkEvent(fork)
            .orElseThrow(() -> new IllegalArgumentException("Run " + forkId + " is not a fork."));
    // The recording is the run the fork was made from; after a deletion re-parented the fork, its
    // parent row is another run whose answers after the point were never this fork's.
    RunInfo parent =
        project
            .runs()
            .findByUid(made.parent())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "The run fork "
                            + forkId
                            + " was made from has been deleted, and its recorded answers with it;"
                            + " continue the fork live instead."));
    int skip = made.change().hasNonNull("reply") ? 1 : 0;
    ModelConfig replay =
        ModelConfig.of(
            "replay",
            parent.uid() + "@" + fork.forkSeq() + "+" + skip + "/" + java.util.UUID.randomUUID());
    return resume(forkId, replay);
  }

  /**
   * How many turns of its script a run has used: a scripted run resumed (or a fork of one) goes on
   * with the next turn rather than the first.
   */
  public static int scriptTurnsUsed(Project project, long runId) {
    try (var responses = project.events().stream(runId, Set.of(EventType.MODEL_RESPONSE))) {
      return responses
          .mapToInt(
              e -> {
                String json = e.payload(EventPayload.ModelResponse.class).response();
                return json == null
                    ? 0
                    : org.benchwright.engine.model.ScriptedChatModel.turnNumber(
                        org.benchwright.engine.model.ModelJson.responseFromJson(json));
              })
          .max()
          .orElse(0);
    }
  }

  private synchronized RunHandle resume(long runId, ModelConfig model) {
    RunInfo run = resumable(runId);
    return launch(
        runId, run.task(), catalog.workflow(run.workflow()), model, new RunControl(), null);
  }

  private RunInfo resumable(long runId) {
    RunInfo run =
        project
            .runs()
            .find(runId)
            .orElseThrow(() -> new IllegalArgumentException("No run " + runId));
    if (handles.containsKey(runId)) {
      throw new IllegalStateException("Run " + runId + " is already running.");
    }
    if (run.status() == RunStatus.SUCCEEDED
        || run.status() == RunStatus.FAILED
        || run.status() == RunStatus.CANCELLED) {
      throw new IllegalStateException("Run " + runId + " has ended (" + run.status() + ").");
    }
    return run;
  }

  private synchronized RunHandle resume(long runId, Decision first) {
    RunInfo run = resumable(runId);
    return launch(
        runId,
        run.task(),
        catalog.workflow(run.workflow()),
        ModelConfig.fromJson(run.modelConfigJson()),
        new RunControl(),
        first);
  }

  /** The workflows this runtime can run. */
  public WorkflowCatalog catalog() {
    return catalog;
  }

  public Optional<RunHandle> handle(long runId) {
    return Optional.ofNullable(handles.get(runId));
  }

  /**
   * Decides the pending gate of a run. A run waiting at a gate that is not live here (its process
   * ended while it waited, e.g. the app was closed or killed) is resumed from its log with the
   * decision: folding the log brings it back to the same gate, which it then records as decided.
   *
   * @throws IllegalStateException when the run has no pending gate (a decision must not wait for a
   *     gate that opens later) or has ended; nothing is recorded then
   */
  public void decide(long runId, Decision decision) {
    if (project.approvals().pending(runId).isEmpty()) {
      throw new IllegalStateException("Run " + runId + " has no gate waiting for a decision.");
    }
    synchronized (this) {
      AgentRun run = live.get(runId);
      if (run != null) {
        run.decide(decision);
      } else {
        resume(runId, decision);
      }
    }
  }

  private RunHandle launch(
      long runId,
      String task,
      WorkflowDefinition def,
      ModelConfig model,
      RunControl control,
      Decision first) {
    RunSandbox[] box = new RunSandbox[1];
    Supplier<RunSandbox> sandbox =
        () -> {
          synchronized (box) {
            if (box[0] == null) {
              Sandboxes service = sandboxes.get();
              SandboxSpec spec =
                  def.image() == null
                      ? service.defaults()
                      : service.defaults().withImage(def.image());
              box[0] = new RunSandbox(project, runId, service.open("run-" + runId, spec), service);
            }
            return box[0];
          }
        };
    AgentRun run =
        new AgentRun(project, runId, task, def, model, gateway, control, catalog, sandbox);
    if (first != null) {
      // Queued before the run starts, so the gate it folds back to finds it waiting.
      run.decide(first);
    }
    live.put(runId, run);
    CompletableFuture<RunOutcome> outcome =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return run.execute();
              } finally {
                live.remove(runId);
                handles.remove(runId);
                synchronized (box) {
                  if (box[0] != null) {
                    box[0].close();
                  }
                }
              }
            },
            runs);
    RunHandle handle = new RunHandle(runId, control, outcome);
    handles.put(runId, handle);
    return handle;
  }

  /**
   * The replay model for a replay's model name: {@code UID/NONCE} answers with the whole recorded
   * run, {@code UID@SEQ+SKIP/NONCE} with what it recorded after event SEQ, less the first SKIP (a
   * fork's live replay).
   */
  private ReplayChatModel replayOf(String replayName) {
    String source = replayName.split("/")[0];
    String runUid = source;
    long after = 0;
    int skip = 0;
    if (source.contains("@")) {
      runUid = source.substring(0, source.indexOf('@'));
      String[] point = source.substring(source.indexOf('@') + 1).split("\\+");
      after = Long.parseLong(point[0]);
      skip = point.length > 1 ? Integer.parseInt(point[1]) : 0;
    }
    String uid = runUid;
    RunInfo recorded =
        project
            .runs()
            .findByUid(uid)
            .orElseThrow(() -> new IllegalArgumentException("No run with uid " + uid));
    List<RecordedExchange> exchanges = new java.util.ArrayList<>();
    int[] before = {0};
    long point = after;
    String[] fingerprint = {null};
    project.events().stream(
            recorded.id(), Set.of(EventType.MODEL_REQUEST, EventType.MODEL_RESPONSE))
        .forEach(
            e -> {
              switch (e.payload()) {
                case EventPayload.ModelRequest r -> fingerprint[0] = r.fingerprint();
                case EventPayload.ModelResponse r when e.seq() <= point -> before[0]++;
                case EventPayload.ModelResponse r when fingerprint[0] != null ->
                    exchanges.add(new RecordedExchange(fingerprint[0], r.response()));
                default -> {}
              }
            });
    int from = Math.min(skip, exchanges.size());
    return new ReplayChatModel(exchanges.subList(from, exchanges.size()), before[0] + from);
  }

  /** Cancels live runs and waits for them to record how they ended. */
  @Override
  public void close() {
    handles.values().forEach(h -> h.control().cancel());
    runs.shutdown();
    try {
      runs.awaitTermination(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
