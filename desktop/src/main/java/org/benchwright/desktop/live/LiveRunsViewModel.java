package org.benchwright.desktop.live;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.benchwright.desktop.project.DesktopSettings;
import org.benchwright.desktop.run.RunCursor;
import org.benchwright.desktop.ui.DialogService;
import org.benchwright.desktop.ui.UiExecutor;
import org.benchwright.engine.agent.Decision;
import org.benchwright.engine.agent.RunControl;
import org.benchwright.engine.agent.RunHandle;
import org.benchwright.engine.live.LiveRuns;
import org.benchwright.engine.live.NewRunRequest;
import org.benchwright.engine.model.ApiKeys;
import org.benchwright.engine.preflight.RunPreflight;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RunInfo;
import org.benchwright.engine.project.RunStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live runs of the open project: starts runs from the new-run dialog, steers the cursor's run
 * (pause, step, resume, cancel), and makes its events appear as they are recorded. A poller reads
 * the run's last sequence number {@link #POLL_INTERVAL every 125 ms} off the FX thread and hands
 * growth to {@link RunCursor#extendTo} at most once per tick, so the FX thread sees a batch, never
 * one update per event.
 *
 * <p>Methods are called on the FX thread.
 */
public final class LiveRunsViewModel implements AutoCloseable {

  // Looked up when first needed, not with the class: this class is used on the FX thread before
  // the first frame, and the first logger sets up logging (ADR 0036).
  private static Logger log() {
    return LoggerFactory.getLogger(LiveRunsViewModel.class);
  }

  /** 8 Hz: fast enough to feel live, slow enough to cost nothing while a model thinks. */
  public static final Duration POLL_INTERVAL = Duration.ofMillis(125);

  private final RunCursor cursor;
  private final UiExecutor executor;
  private final DialogService dialogs;
  private final Function<Project, LiveRuns> factory;

  private final ReadOnlyBooleanWrapper live = new ReadOnlyBooleanWrapper();
  private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper();
  private final ReadOnlyBooleanWrapper starting = new ReadOnlyBooleanWrapper();
  private final ReadOnlyBooleanWrapper canStart = new ReadOnlyBooleanWrapper();
  // Counts commits by another process to a project this window only reads (the runs list reloads).
  private final ReadOnlyLongWrapper outsideChanges = new ReadOnlyLongWrapper();
  private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper("");
  private final ReadOnlyLongWrapper startedRun = new ReadOnlyLongWrapper(0);

  // Written on the FX thread; decide() reads them from a worker (the TODO panel decides off it).
  private volatile Project project;
  private volatile LiveRuns runs; // created on first use for the open project

  // What the poller watches; written on the FX thread, read by the poll thread.
  private volatile Watch watch;
  private final AtomicBoolean postPending = new AtomicBoolean();
  private ScheduledExecutorService poller;

  /** The cursor's run: driven here ({@code handle}), or recorded by the project's writer (null). */
  private record Watch(Project project, long runId, RunHandle handle) {}

  // A read-only project's commit counter, polled with the watched run (poll thread only).
  private volatile org.benchwright.engine.project.ChangeWatch outside;
  private long outsideVersion = -1;

  /**
   * @param factory makes the engine side for a project, e.g. {@code p -> new LiveRuns(p,
   *     ApiKeys.fromEnvironmentAndUserFile())}
   */
  public LiveRunsViewModel(
      RunCursor cursor,
      UiExecutor executor,
      DialogService dialogs,
      Function<Project, LiveRuns> factory) {
    this.cursor = Objects.requireNonNull(cursor);
    this.executor = Objects.requireNonNull(executor);
    this.dialogs = Objects.requireNonNull(dialogs);
    this.factory = Objects.requireNonNull(factory);
    cursor.runProperty().addListener((obs, before, now) -> follow());
  }

  /** Starts the poller (the app and UI tests; unit tests call {@link #pollOnce()} instead). */
  public void startPolling() {
    if (poller != null) {
      return;
    }
    poller =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "live-run-poller");
              t.setDaemon(true);
              return t;
            });
    poller.scheduleWithFixedDelay(
        this::pollSafely,
        POLL_INTERVAL.toMillis(),
        POLL_INTERVAL.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** True while the cursor's run is running in this window (it can be steered). */
  public ReadOnlyBooleanProperty liveProperty() {
    return live.getReadOnlyProperty();
  }

  /** True while the cursor's live run is paused (step and resume apply). */
  public ReadOnlyBooleanProperty pausedProperty() {
    return paused.getReadOnlyProperty();
  }

  /** True while a run is being started. */
  public ReadOnlyBooleanProperty startingProperty() {
    return starting.getReadOnlyProperty();
  }

  /**
   * True while a project this window writes is open (runs can start). False for a project another
   * process writes: this window then only shows what that process records.
   */
  public ReadOnlyBooleanProperty canStartProperty() {
    return canStart.getReadOnlyProperty();
  }

  /** Changes each time another process commits to the read-only project shown here. */
  public ReadOnlyLongProperty outsideChangesProperty() {
    return outsideChanges.getReadOnlyProperty();
  }

  /** e.g. "Run 3 running · 120 events" / "Run 3 paused" / "Run 3 succeeded". */
  public ReadOnlyStringProperty statusTextProperty() {
    return statusText.getReadOnlyProperty();
  }

  /** The id of the run started last from this window (the runs list reloads on it). */
  public ReadOnlyLongProperty startedRunProperty() {
    return startedRun.getReadOnlyProperty();
  }

  /**
   * The project whose runs are started and steered here (null when none is open). Live runs of the
   * previous project are cancelled and recorded as such, in the background.
   */
  public void setProject(Project next) {
    LiveRuns old;
    synchronized (this) {
      if (next == project) {
        return;
      }
      old = runs;
      runs = null;
      project = next;
    }
    canStart.set(next != null && !next.isReadOnly());
    watch = null;
    var oldOutside = outside;
    outside = next != null && next.isReadOnly() ? next.watch() : null;
    if (oldOutside != null) {
      oldOutside.close();
    }
    update(null, RunStatus.QUEUED, 0);
    if (old != null) {
      executor.execute(
          () -> {
            old.close(Duration.ofSeconds(10));
            return null;
          },
          ignored -> {},
          e -> log().warn("Closing the live runs of {} failed", old.project().file(), e));
    }
  }

  /**
   * A view model for the new-run dialog. It says when the chosen model has no API key; Docker and
   * the image are checked when the run starts, off the FX thread (see {@link LiveRuns#start}).
   */
  public NewRunViewModel newRun(DesktopSettings.SavedModel lastModel) {
    RunPreflight preflight = new RunPreflight(ApiKeys.fromEnvironmentAndUserFile());
    NewRunViewModel form =
        new NewRunViewModel(WorkflowCatalog.available(), lastModel, preflight::modelProblem);
    // The datasets an automl run can train on, read off the FX thread while the dialog opens.
    Project p = project;
    if (p != null) {
      executor.execute(
          () ->
              p.datasets().list().stream()
                  .map(org.benchwright.engine.project.Datasets.Dataset::name)
                  .toList(),
          form::setDatasets,
          e -> log().warn("Cannot read the datasets of {}", p.file(), e));
    }
    return form;
  }

  /** Starts a run and puts the cursor on it; its events then appear as they are recorded. */
  public void start(NewRunRequest request) {
    Project p = project;
    if (p == null) {
      dialogs.showError("No project open", new IllegalStateException("Open a project first."));
      return;
    }
    if (p.isReadOnly()) {
      dialogs.showError("The run could not start", new IllegalStateException(readOnly(p)));
      return;
    }
    LiveRuns lr = runs();
    starting.set(true);
    executor.execute(
        () -> {
          RunHandle handle = lr.start(request);
          RunInfo info = p.runs().find(handle.runId()).orElseThrow();
          return new Started(handle, info, p.events().lastSeq(handle.runId()));
        },
        started -> {
          starting.set(false);
          if (p != project) {
            return; // the project changed meanwhile; its runs were cancelled with it
          }
          startedRun.set(started.info().id());
          cursor.select(p, started.info(), started.last());
          follow();
        },
        error -> {
          starting.set(false);
          dialogs.showError("The run could not start", error);
        });
  }

  private record Started(RunHandle handle, RunInfo info, long last) {}

  public void pause() {
    control().ifPresent(RunControl::pause);
    refreshControls();
  }

  /** While paused: lets exactly one more event be recorded. */
  public void step() {
    control().ifPresent(RunControl::step);
  }

  public void resume() {
    control().ifPresent(RunControl::resume);
    refreshControls();
  }

  public void cancel() {
    control().ifPresent(RunControl::cancel);
  }

  /**
   * Decides the pending gate of a run of the open project: the TODO panel's approve, reject or
   * edit-then-approve ({@code liveRuns::decide} is a {@code todo.GateDecider}). May be called off
   * the FX thread. A waiting run that is not live here is resumed first (see {@link
   * LiveRuns#decide}); throws when the run has no gate or no project is open.
   */
  public void decide(long runId, Decision decision) {
    LiveRuns lr = runs();
    if (lr == null) {
      Project p = project;
      throw new IllegalStateException(
          p == null
              ? "No project is open; run " + runId + " cannot be decided."
              : readOnly(p) + " Decide run " + runId + "'s gate there.");
    }
    lr.decide(runId, decision);
  }

  /**
   * Continues a fork just made ({@code fork.ForkContinuation}); may be called off the FX thread.
   * The cursor then follows it live once the fork is selected.
   */
  public void continueFork(long forkId, org.benchwright.desktop.fork.ForkContinuation.Mode mode) {
    LiveRuns lr = runs();
    if (lr == null) {
      throw new IllegalStateException(
          project == null
              ? "No project is open; fork " + forkId + " cannot go on."
              : readOnly(project));
    }
    if (mode == org.benchwright.desktop.fork.ForkContinuation.Mode.PAUSED) {
      return;
    }
    lr.continueFork(forkId, mode == org.benchwright.desktop.fork.ForkContinuation.Mode.REPLAY);
  }

  /** The engine side of the open project, if any (created on first use). */
  public Optional<LiveRuns> liveRuns() {
    return Optional.ofNullable(runs());
  }

  /** Why nothing can be started or decided here while another process writes the project. */
  static String readOnly(Project p) {
    return p.file().getFileName()
        + " is read-only here: another process writes it (see the status bar). Stop that process"
        + " and open the project again to run or decide here.";
  }

  /**
   * The engine side of the open project, made on first use; null when none is open or another
   * process writes it (a runtime over a project it cannot write would fail at its first step).
   */
  private synchronized LiveRuns runs() {
    Project p = project;
    if (p == null || p.isReadOnly()) {
      return null;
    }
    if (runs == null || runs.project() != p) {
      runs = factory.apply(p);
    }
    return runs;
  }

  private Optional<RunControl> control() {
    Watch w = watch;
    return w == null ? Optional.empty() : Optional.of(w.handle().control());
  }

  /** Watches the cursor's run when it is live here. */
  private void follow() {
    RunInfo run = cursor.run();
    Project p = cursor.project();
    LiveRuns current = runs;
    RunHandle handle =
        run != null && p != null && p == project && current != null
            ? current.handle(run.id()).orElse(null)
            : null;
    // A run another process records is followed by its log, as long as that process executes it.
    boolean recordedElsewhere =
        handle == null
            && run != null
            && p != null
            && p == project
            && p.isReadOnly()
            && recording(run.status());
    watch = handle != null || recordedElsewhere ? new Watch(p, run.id(), handle) : null;
    // The poller brings the numbers of a live run on its next tick.
    update(run, run == null ? RunStatus.QUEUED : run.status(), cursor.lastStepProperty().get());
  }

  private void pollSafely() {
    try {
      pollOnce();
    } catch (RuntimeException e) {
      log().warn("Polling the live run failed", e);
    }
  }

  /**
   * One poll: reads the watched run's last seq and status, and posts them to the FX thread unless
   * the previous post has not been handled yet (then the next tick carries the newer numbers).
   */
  void pollOnce() {
    pollOutside();
    Watch w = watch;
    if (w == null) {
      return;
    }
    // Ended first: a run records its last event before its outcome completes (and before its
    // final status, for a run another process records), so a last seq read after seeing it ended
    // holds everything.
    boolean ended;
    RunInfo info;
    long last;
    if (w.handle() != null) {
      ended = w.handle().outcome().isDone();
      last = w.project().events().lastSeq(w.runId());
      info = w.project().runs().find(w.runId()).orElse(null);
    } else {
      info = w.project().runs().find(w.runId()).orElse(null);
      ended = info == null || !recording(info.status());
      last = w.project().events().lastSeq(w.runId());
    }
    if (!postPending.compareAndSet(false, true)) {
      return;
    }
    executor.post(
        () -> {
          postPending.set(false);
          if (watch != w) {
            return;
          }
          RunInfo current = cursor.run();
          if (current != null && current.id() == w.runId() && cursor.project() == w.project()) {
            cursor.extendTo(last);
          }
          if (ended) {
            watch = null; // everything it recorded has been shown
          }
          update(info, info == null ? RunStatus.RUNNING : info.status(), last);
        });
  }

  /** Whether the project's writer may still record events of a run in this state. */
  private static boolean recording(RunStatus status) {
    return status == RunStatus.QUEUED
        || status == RunStatus.RUNNING
        || status == RunStatus.WAITING_FOR_APPROVAL
        || status == RunStatus.PAUSED;
  }

  /** Tells the runs list when the process that writes a read-only project commits. */
  private void pollOutside() {
    var o = outside;
    if (o == null) {
      return;
    }
    long version;
    try {
      version = o.version();
    } catch (RuntimeException e) {
      return; // closed while the project changed; the next project has its own watch
    }
    if (outsideVersion != -1 && version != outsideVersion) {
      executor.post(() -> outsideChanges.set(outsideChanges.get() + 1));
    }
    outsideVersion = version;
  }

  private void refreshControls() {
    Watch w = watch;
    boolean isLive = w != null && w.handle() != null && !w.handle().outcome().isDone();
    live.set(isLive);
    paused.set(isLive && w.handle().control().isPaused());
  }

  private void update(RunInfo run, RunStatus status, long events) {
    refreshControls();
    if (run == null) {
      statusText.set(project == null ? "" : "No run selected");
      return;
    }
    String state =
        live.get() && paused.get() ? "paused" : status.name().toLowerCase().replace('_', ' ');
    statusText.set(String.format("Run %d %s · %,d events", run.id(), state, events));
  }

  /** Stops polling and cancels live runs, waiting up to {@code grace} for them to record it. */
  public void close(Duration grace) {
    if (poller != null) {
      poller.shutdownNow();
    }
    watch = null;
    var o = outside;
    outside = null;
    if (o != null) {
      o.close();
    }
    LiveRuns lr;
    synchronized (this) {
      lr = runs;
      runs = null;
    }
    if (lr != null) {
      lr.close(grace);
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }
}
