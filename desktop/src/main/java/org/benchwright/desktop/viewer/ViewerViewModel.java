package org.benchwright.desktop.viewer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.benchwright.desktop.run.RunCursor;
import org.benchwright.desktop.ui.UiExecutor;
import org.benchwright.engine.mjcf.Pose;
import org.benchwright.engine.mjcf.PoseTrack;
import org.benchwright.engine.mjcf.SceneCompiler;
import org.benchwright.engine.mjcf.SceneFiles;
import org.benchwright.engine.mjcf.SceneModel;
import org.benchwright.engine.project.FileVersion;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RunInfo;

/**
 * What the 3D viewer shows: the MJCF scene (or mesh) of the selected run as it was at the cursor's
 * step, or a file opened from disk, plus the notes about it, the last load error and the pose
 * playback state.
 *
 * <p>Which run file is shown: the one the user picked while it exists, else the most recently
 * changed {@code .xml} that has a {@code <worldbody>} (included files usually do not), else the
 * most recently changed {@code .xml}, {@code .stl} or {@code .obj}. Includes and meshes come from
 * the run's files at the same step. Poses come from the most recently changed {@code .json} that
 * holds an mjcf-check pose track. Stepping does not reload while none of those files changed; steps
 * arriving during a load are coalesced into one more load of the latest step, and results for a run
 * or file no longer wanted are dropped. A failed load keeps the previous scene on screen and says
 * why. A file opened from disk stays on screen until the cursor moves or another run is selected.
 */
public final class ViewerViewModel {

  private static final int SNIFF_BYTES = 1 << 16;

  /** Where run files live inside the sandbox; a path under it names a run file. */
  private static final String SANDBOX_WORKSPACE = "/workspace/";

  private final RunCursor cursor;
  private final UiExecutor executor;
  private final SceneLoader loader;

  private final ReadOnlyObjectWrapper<LoadedScene> scene = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("No run selected");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
  private final ObservableList<String> notes = FXCollections.observableArrayList();
  private final ObservableList<String> candidates = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper shownFile = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper origin = new ReadOnlyStringWrapper("");

  private final ReadOnlyObjectWrapper<PoseTrack> poses = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyIntegerWrapper frame = new ReadOnlyIntegerWrapper();
  private final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper();
  private final ReadOnlyStringWrapper timeText = new ReadOnlyStringWrapper("");
  private double playTime;
  private int[] trackToBody = new int[0];

  /** Bumped whenever what should be shown changes; a result for an older one is dropped. */
  private long generation;

  private boolean runLoadRunning;
  private boolean runLoadPending;
  private String pickedFile;
  private Map<String, Long> shownKey;

  public ViewerViewModel(RunCursor cursor, UiExecutor executor) {
    this(cursor, executor, CadMeshReader::read, null);
  }

  /**
   * A viewer that draws scenes as MuJoCo compiles them with {@code compiler} (which its owner
   * closes), falling back to Benchwright's own reader.
   */
  public ViewerViewModel(RunCursor cursor, UiExecutor executor, SceneCompiler compiler) {
    this(cursor, executor, CadMeshReader::read, compiler::compile);
  }

  ViewerViewModel(RunCursor cursor, UiExecutor executor, MeshReader meshes) {
    this(cursor, executor, meshes, null);
  }

  ViewerViewModel(
      RunCursor cursor, UiExecutor executor, MeshReader meshes, SceneLoader.Compiler compiler) {
    this.cursor = cursor;
    this.executor = executor;
    this.loader = new SceneLoader(meshes, compiler);
    cursor.runProperty().addListener((o, a, b) -> runChanged());
    cursor.stepProperty().addListener((o, a, b) -> refresh());
    runChanged();
  }

  // ---- what is shown ----

  /** The scene on screen; null when there is none. */
  ReadOnlyObjectProperty<LoadedScene> sceneProperty() {
    return scene.getReadOnlyProperty();
  }

  /** What is shown and from where, or why nothing is. */
  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  /** The last load's error, "" when it succeeded. The previous scene stays on screen. */
  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  /**
   * Who drew the shown scene: MuJoCo's compiled model, or Benchwright's own reader and why MuJoCo's
   * view is unavailable; "" when nothing or a lone mesh is shown.
   */
  public ReadOnlyStringProperty originProperty() {
    return origin.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty loadingProperty() {
    return loading.getReadOnlyProperty();
  }

  /** Not-drawn elements, warnings and unreadable meshes of the shown scene. */
  public ObservableList<String> notes() {
    return FXCollections.unmodifiableObservableList(notes);
  }

  /** The run's files at the cursor that can be shown (.xml, .stl, .obj), newest first. */
  public ObservableList<String> candidates() {
    return FXCollections.unmodifiableObservableList(candidates);
  }

  /** The run file shown ("" for a file from disk or nothing). */
  public ReadOnlyStringProperty shownFileProperty() {
    return shownFile.getReadOnlyProperty();
  }

  /** Shows another of the run's files; it stays chosen while the run has it. */
  public void choose(String path) {
    if (path == null || path.equals(shownFile.get())) {
      return;
    }
    pickedFile = path;
    shownKey = null;
    refresh();
  }

  /** Opens an MJCF scene, an STL/OBJ mesh or an mjcf-check pose report (.json) from disk. */
  public void openFile(Path file) {
    String name = file.getFileName().toString();
    if (name.toLowerCase(java.util.Locale.ROOT).endsWith(".json")) {
      openPoses(file, name);
      return;
    }
    long gen = ++generation;
    shownKey = null; // the next cursor move shows the run again
    loading.set(true);
    Path dir = file.toAbsolutePath().getParent();
    executor.execute(
        () -> loader.load(name, SceneFiles.directory(dir), name + " (from disk)"),
        loaded -> {
          if (gen == generation) {
            loading.set(false);
            shownFile.set("");
            show(loaded, null);
          }
        },
        failure -> {
          if (gen == generation) {
            loading.set(false);
            error.set("Cannot open " + name + ": " + message(failure));
          }
        });
  }

  private void openPoses(Path file, String name) {
    executor.execute(
        () -> PoseTrack.parse(Files.readAllBytes(file)),
        track -> {
          if (scene.get() == null) {
            error.set("Open a scene before its poses (" + name + ")");
            return;
          }
          error.set("");
          setPoses(track);
        },
        failure -> error.set("Cannot open " + name + ": " + message(failure)));
  }

  // ---- run files at the cursor ----

  private void runChanged() {
    pickedFile = null;
    shownKey = null;
    refresh();
  }

  private void refresh() {
    Project project = cursor.project();
    RunInfo run = cursor.run();
    if (project == null || run == null) {
      generation++;
      runLoadPending = false;
      candidates.clear();
      shownFile.set("");
      status.set("No run selected");
      error.set("");
      clearScene();
      return;
    }
    if (runLoadRunning) {
      // The running load's result is already stale: drop it and load the latest step once it ends.
      runLoadPending = true;
      generation++;
      return;
    }
    startRunLoad(project, run.id(), cursor.step());
  }

  private void startRunLoad(Project project, long runId, long step) {
    runLoadRunning = true;
    runLoadPending = false;
    long gen = ++generation;
    String picked = pickedFile;
    Map<String, Long> lastKey = shownKey;
    String lastFile = shownFile.get();
    loading.set(true);
    executor.execute(
        () -> loadRun(project, runId, step, picked, lastKey, lastFile),
        result -> {
          runLoadRunning = false;
          if (gen == generation) {
            loading.set(false);
            applyRun(result, step);
          }
          continueIfPending();
        },
        failure -> {
          runLoadRunning = false;
          if (gen == generation) {
            loading.set(false);
            error.set("Cannot show the run's scene at step " + step + ": " + message(failure));
          }
          continueIfPending();
        });
  }

  private void continueIfPending() {
    if (runLoadPending) {
      runLoadPending = false;
      refresh();
    }
  }

  /** What a load of the run's files found; scene null when nothing changed or there is none. */
  private record RunResult(
      List<String> candidates,
      String file,
      Map<String, Long> key,
      boolean unchanged,
      LoadedScene scene,
      PoseTrack poses,
      String posesProblem) {}

  /**
   * Finds and loads what to show at {@code step}. {@code lastKey} is the versions of the
   * scene-relevant files behind the scene on screen ({@code lastFile}); when they are the same, so
   * is the choice of file and the scene, and nothing is read (a pick clears the key).
   */
  private RunResult loadRun(
      Project project,
      long runId,
      long step,
      String picked,
      Map<String, Long> lastKey,
      String lastFile) {
    Map<String, FileVersion> files = project.files().filesAt(runId, step);
    List<FileVersion> viewable =
        files.values().stream()
            .filter(f -> SceneLoader.isScene(f.path()) || SceneLoader.isMesh(f.path()))
            .sorted(Comparator.comparingLong(FileVersion::seq).reversed())
            .toList();
    List<String> paths = viewable.stream().map(FileVersion::path).toList();
    Map<String, Long> key = new LinkedHashMap<>();
    files.values().stream()
        .filter(f -> paths.contains(f.path()) || f.path().endsWith(".json"))
        .forEach(f -> key.put(f.path(), f.seq()));
    if (key.equals(lastKey)) {
      return new RunResult(
          paths, lastFile.isEmpty() ? null : lastFile, key, true, null, null, null);
    }
    String file = picked != null && paths.contains(picked) ? picked : null;
    if (file == null) {
      file = defaultFile(project, runId, step, viewable);
    }
    if (file == null) {
      return new RunResult(paths, null, key, false, null, null, null);
    }
    SceneFiles runFiles =
        path -> {
          // Scenes the engine composes in the sandbox (an engineer's benchmark/with-solution.xml)
          // name meshes by their absolute path there; run files are relative to that workspace.
          String p =
              path.startsWith(SANDBOX_WORKSPACE)
                  ? path.substring(SANDBOX_WORKSPACE.length())
                  : path;
          return p.startsWith("../") || p.startsWith("/") || p.matches("^[A-Za-z]:/.*")
              ? Optional.empty()
              : project.files().fileAt(runId, p, step);
        };
    LoadedScene loaded = loader.load(file, runFiles, file + " at step " + step);
    PoseTrack track = null;
    String problem = null;
    Optional<FileVersion> posesFile =
        files.values().stream()
            .filter(f -> f.path().endsWith(".json"))
            .sorted(Comparator.comparingLong(FileVersion::seq).reversed())
            .filter(
                f ->
                    project
                        .files()
                        .fileAt(runId, f.path(), step)
                        .map(PoseTrack::mayHold)
                        .orElse(false))
            .findFirst();
    if (posesFile.isPresent()) {
      try {
        track = PoseTrack.parse(project.files().fileAt(runId, posesFile.get().path(), step).get());
      } catch (IllegalArgumentException e) {
        problem = posesFile.get().path() + ": " + e.getMessage();
      }
    }
    return new RunResult(paths, file, key, false, loaded, track, problem);
  }

  private static String defaultFile(
      Project project, long runId, long step, List<FileVersion> viewable) {
    String firstXml = null;
    for (FileVersion f : viewable) {
      if (!SceneLoader.isScene(f.path())) {
        continue;
      }
      if (firstXml == null) {
        firstXml = f.path();
      }
      byte[] content = project.files().fileAt(runId, f.path(), step).orElse(new byte[0]);
      String head =
          new String(
              content,
              0,
              Math.min(content.length, SNIFF_BYTES),
              java.nio.charset.StandardCharsets.UTF_8);
      if (head.contains("<worldbody")) {
        return f.path();
      }
    }
    if (firstXml != null) {
      return firstXml;
    }
    return viewable.isEmpty() ? null : viewable.get(0).path();
  }

  private void applyRun(RunResult r, long step) {
    if (!candidates.equals(r.candidates())) {
      candidates.setAll(r.candidates());
    }
    if (r.file() == null) {
      shownKey = r.key();
      shownFile.set("");
      status.set("No MJCF scene or mesh in this run at step " + step);
      error.set("");
      clearScene();
      return;
    }
    shownFile.set(r.file());
    if (r.unchanged()) {
      // The files are those of the scene on screen, which loaded: an error from a step between
      // no longer applies.
      status.set(r.file() + " at step " + step);
      error.set("");
      return;
    }
    shownKey = r.key();
    show(r.scene(), r.poses());
    if (r.posesProblem() != null) {
      notes.add("poses: " + r.posesProblem());
    }
  }

  private void show(LoadedScene loaded, PoseTrack track) {
    // MuJoCo's refusal of a scene drawn by the reader instead is this load's error.
    error.set(loaded.problem() == null ? "" : loaded.problem());
    origin.set(loaded.origin());
    status.set(loaded.title());
    notes.setAll(loaded.notes());
    scene.set(loaded);
    setPoses(track);
  }

  private void clearScene() {
    scene.set(null);
    origin.set("");
    notes.clear();
    setPoses(null);
  }

  // ---- pose playback ----

  /** The pose track played over the scene; null when there is none. */
  public ReadOnlyObjectProperty<PoseTrack> posesProperty() {
    return poses.getReadOnlyProperty();
  }

  /** The index of the frame shown. */
  public ReadOnlyIntegerProperty frameProperty() {
    return frame.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty playingProperty() {
    return playing.getReadOnlyProperty();
  }

  /** "t = 0.250 s (frame 6 of 16)", or "" without poses. */
  public ReadOnlyStringProperty timeTextProperty() {
    return timeText.getReadOnlyProperty();
  }

  public void play() {
    PoseTrack track = poses.get();
    if (track == null) {
      return;
    }
    if (frame.get() >= track.frames().size() - 1) {
      seek(0);
    }
    playing.set(true);
  }

  public void pause() {
    playing.set(false);
  }

  public void togglePlay() {
    if (playing.get()) {
      pause();
    } else {
      play();
    }
  }

  /** Shows frame {@code index} (clamped). */
  public void seek(int index) {
    PoseTrack track = poses.get();
    if (track == null) {
      return;
    }
    int i = Math.max(0, Math.min(index, track.frames().size() - 1));
    playTime = track.frames().get(i).t();
    setFrame(i);
  }

  /**
   * Advances playback by {@code seconds} of wall time, played at simulated speed; stops at the last
   * frame. The view calls it from its animation timer.
   */
  public void advance(double seconds) {
    PoseTrack track = poses.get();
    if (!playing.get() || track == null) {
      return;
    }
    playTime += seconds;
    setFrame(track.frameAt(playTime));
    if (playTime >= track.duration()) {
      playing.set(false);
    }
  }

  /**
   * The world pose of each body the frame moves, by body index of the shown scene. Bodies the track
   * does not name (or whose pose diverged) keep their initial pose.
   */
  public Map<Integer, Pose> bodyPoses(int frameIndex) {
    PoseTrack track = poses.get();
    Map<Integer, Pose> out = new HashMap<>();
    if (track == null || frameIndex < 0 || frameIndex >= track.frames().size()) {
      return out;
    }
    List<Pose> framePoses = track.frames().get(frameIndex).poses();
    for (int i = 0; i < trackToBody.length; i++) {
      if (trackToBody[i] > 0 && framePoses.get(i) != null) {
        out.put(trackToBody[i], framePoses.get(i));
      }
    }
    return out;
  }

  private void setPoses(PoseTrack track) {
    playing.set(false);
    playTime = 0;
    trackToBody = track == null || scene.get() == null ? new int[0] : match(track, scene.get());
    poses.set(track);
    frame.set(-1); // listeners see the change even when the frame index stays 0
    if (track == null) {
      frame.set(0);
      timeText.set("");
      return;
    }
    long matched = java.util.Arrays.stream(trackToBody).filter(b -> b > 0).count();
    if (matched < track.bodies().size()) {
      notes.add(
          "poses: "
              + (track.bodies().size() - matched)
              + " of "
              + track.bodies().size()
              + " bodies of the pose track are not in the scene");
    }
    setFrame(0);
  }

  /**
   * Track body i → scene body index. A scene MuJoCo compiled has MuJoCo's numbering, as the track
   * does (all bodies but the world); else by name (unnamed bodies by MuJoCo's body#ID).
   */
  private static int[] match(PoseTrack track, LoadedScene loaded) {
    SceneModel model = loaded.model();
    if (model.compiledBy() != null && track.bodies().size() == model.bodies().size() - 1) {
      int[] out = new int[track.bodies().size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = i + 1;
      }
      return out;
    }
    Map<String, Integer> byLabel = new HashMap<>();
    for (int b = 1; b < model.bodies().size(); b++) {
      byLabel.putIfAbsent(model.body(b).label(b), b);
    }
    int[] out = new int[track.bodies().size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = byLabel.getOrDefault(track.bodies().get(i), -1);
    }
    return out;
  }

  private void setFrame(int i) {
    PoseTrack track = poses.get();
    frame.set(i);
    timeText.set(
        String.format(
            java.util.Locale.ROOT,
            "t = %.3f s (frame %d of %d)",
            track.frames().get(i).t(),
            i + 1,
            track.frames().size()));
  }

  private static String message(Throwable t) {
    List<String> parts = new ArrayList<>();
    for (Throwable c = t; c != null && parts.size() < 3; c = c.getCause()) {
      String m = c.getMessage();
      if (m != null && parts.stream().noneMatch(p -> p.contains(m))) {
        parts.add(m);
      }
    }
    return parts.isEmpty() ? t.toString() : String.join(": ", parts);
  }
}
