package org.benchwright.desktop.editor;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.InvalidationListener;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import org.benchwright.desktop.run.RunCursor;
import org.benchwright.desktop.ui.TextDiff;
import org.benchwright.desktop.ui.UiExecutor;
import org.benchwright.engine.project.FileVersion;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RunInfo;

/**
 * The code editor's state: the run's file tree at the cursor's step and the selected file's content
 * (highlighted, or as a diff against its previous version). Follows the {@link RunCursor}: every
 * move reloads off the FX thread; a load that finishes after the cursor moved on is dropped, and a
 * load that has not started yet when superseded does no work.
 */
public final class CodeEditorViewModel {

  /** Text above this size is shown without highlighting (regexes over megabytes cost seconds). */
  static final int HIGHLIGHT_LIMIT = 2_000_000;

  private final RunCursor cursor;
  private final UiExecutor executor;
  private final ReadOnlyObjectWrapper<FileNode> tree = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<String> selectedPath = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<EditorContent> content = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("No run selected");
  private final ReadOnlyLongWrapper shownStep = new ReadOnlyLongWrapper(-1);
  private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
  private final BooleanProperty diffMode = new SimpleBooleanProperty(false);
  private final ReadOnlyObjectWrapper<PinnedDiff> pinned = new ReadOnlyObjectWrapper<>();
  // Separate counters: choosing a file must not drop a tree load, but moving the cursor drops both.
  private final AtomicLong treeGeneration = new AtomicLong();
  private final AtomicLong contentGeneration = new AtomicLong();
  private final InvalidationListener onCursor = o -> cursorMoved();

  public CodeEditorViewModel(RunCursor cursor, UiExecutor executor) {
    this.cursor = cursor;
    this.executor = executor;
    cursor.stepProperty().addListener(onCursor);
    cursor.runProperty().addListener(onCursor);
    diffMode.addListener(o -> loadContent());
    reload();
  }

  /** The run's files at the shown step; null when no run is selected. */
  public ReadOnlyObjectProperty<FileNode> treeProperty() {
    return tree.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<String> selectedPathProperty() {
    return selectedPath.getReadOnlyProperty();
  }

  /** The selected file as it was at the shown step; null when none is selected. */
  ReadOnlyObjectProperty<EditorContent> contentProperty() {
    return content.getReadOnlyProperty();
  }

  /** A line telling what is shown, or why nothing is. */
  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  /** The step whose files are shown; -1 before the first load. */
  public ReadOnlyLongProperty shownStepProperty() {
    return shownStep.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty loadingProperty() {
    return loading.getReadOnlyProperty();
  }

  /** On: the content is the diff against the file's previous version. */
  public BooleanProperty diffModeProperty() {
    return diffMode;
  }

  /**
   * A diff shown instead of a file, for as long as the cursor stays at {@code step}: an
   * experiment's recorded diff against its baseline (ADR 0029).
   *
   * @param lines the diff; null when there is none to show and {@code title} says why
   */
  public record PinnedDiff(RunInfo run, long step, String title, List<TextDiff.Line> lines) {}

  /** The diff handed in by {@link #showDiff}; null when the editor shows the run's files. */
  public ReadOnlyObjectProperty<PinnedDiff> pinnedDiffProperty() {
    return pinned.getReadOnlyProperty();
  }

  /**
   * Shows {@code unifiedDiff} (unified diff text; null for none) headed {@code title} while the
   * cursor is at {@code step}; ignored if it has already moved on. Moving the cursor drops it.
   */
  public void showDiff(long step, String title, String unifiedDiff) {
    if (cursor.run() == null || cursor.step() != step) {
      return;
    }
    pinned.set(
        new PinnedDiff(
            cursor.run(), step, title, unifiedDiff == null ? null : TextDiff.parse(unifiedDiff)));
  }

  /** Shows {@code path} (a file of the tree) at the cursor's step; null clears the selection. */
  public void select(String path) {
    if (java.util.Objects.equals(path, selectedPath.get())) {
      return;
    }
    selectedPath.set(path);
    loadContent();
  }

  private void cursorMoved() {
    // A diff handed in for one step (an experiment's) is shown at that step only.
    PinnedDiff p = pinned.get();
    if (p != null && (cursor.run() != p.run() || cursor.step() != p.step())) {
      pinned.set(null);
    }
    reload();
  }

  /** Stops following the cursor. */
  public void dispose() {
    cursor.stepProperty().removeListener(onCursor);
    cursor.runProperty().removeListener(onCursor);
    treeGeneration.incrementAndGet();
    contentGeneration.incrementAndGet();
  }

  /** What one cursor step loads: the tree and, if it still exists, the selected file. */
  record Loaded(long step, FileNode tree, String path, EditorContent content) {}

  /** The worker's part of a cursor step (also what the editor bench times). */
  static Loaded load(Project project, long runId, long step, String wanted, boolean diff) {
    Map<String, FileVersion> files = project.files().filesAt(runId, step);
    FileNode root = FileTree.build(files, step);
    String path = wanted != null && files.containsKey(wanted) ? wanted : null;
    EditorContent c = path == null ? null : read(project, runId, step, files.get(path), diff);
    return new Loaded(step, root, path, c);
  }

  private void reload() {
    long gen = treeGeneration.incrementAndGet();
    long contentGen = contentGeneration.incrementAndGet();
    Project project = cursor.project();
    RunInfo run = cursor.run();
    if (project == null || run == null) {
      tree.set(null);
      content.set(null);
      shownStep.set(-1);
      loading.set(false);
      message.set("No run selected");
      return;
    }
    long step = cursor.step();
    String wanted = selectedPath.get();
    boolean diff = diffMode.get();
    loading.set(true);
    executor.execute(
        () -> {
          if (gen != treeGeneration.get()) {
            return null; // the cursor moved on before this load started
          }
          return load(project, run.id(), step, wanted, diff);
        },
        loaded -> {
          if (loaded == null || gen != treeGeneration.get()) {
            return;
          }
          loading.set(false);
          shownStep.set(loaded.step());
          tree.set(loaded.tree());
          if (contentGen == contentGeneration.get()) {
            selectedPath.set(loaded.path());
            content.set(loaded.content());
          }
          message.set(describe(loaded.tree(), loaded.step()));
        },
        error -> {
          if (gen == treeGeneration.get()) {
            loading.set(false);
            message.set("Could not read the run's files: " + error.getMessage());
          }
        });
  }

  private void loadContent() {
    long gen = contentGeneration.incrementAndGet();
    Project project = cursor.project();
    RunInfo run = cursor.run();
    String path = selectedPath.get();
    if (project == null || run == null || path == null) {
      content.set(null);
      return;
    }
    long step = cursor.step();
    boolean diff = diffMode.get();
    executor.execute(
        () -> {
          if (gen != contentGeneration.get()) {
            return null;
          }
          return project
              .files()
              .versionAt(run.id(), path, step)
              .map(v -> read(project, run.id(), step, v, diff))
              .orElse(null);
        },
        c -> {
          if (gen == contentGeneration.get()) {
            content.set(c);
          }
        },
        error -> {
          if (gen == contentGeneration.get()) {
            content.set(null);
            message.set("Could not read " + path + ": " + error.getMessage());
          }
        });
  }

  /** Larger files are described, not loaded. */
  static final long SHOW_LIMIT = 16_000_000;

  /** Reads and prepares one file version on the worker: decoding, highlighting, diffing. */
  static EditorContent read(Project project, long runId, long step, FileVersion v, boolean diff) {
    if (v.symlink()) {
      String target =
          new String(
              project.files().fileAt(runId, v.path(), v.seq()).orElse(new byte[0]),
              java.nio.charset.StandardCharsets.UTF_8);
      return EditorContent.notice(
          v.path(), step, v.seq(), v.size(), "Symbolic link to " + target + " (not followed)");
    }
    if (v.size() > SHOW_LIMIT) {
      // A dataset or a big output: not loaded into the window whole.
      return EditorContent.notice(
          v.path(),
          step,
          v.seq(),
          v.size(),
          String.format(
              java.util.Locale.ROOT,
              "%.1f MB: too large to show here (files up to %d MB are shown)",
              v.size() / 1e6,
              SHOW_LIMIT / 1_000_000));
    }
    byte[] bytes = project.files().fileAt(runId, v.path(), v.seq()).orElse(new byte[0]);
    String text = decode(bytes);
    if (text == null) {
      return new EditorContent(v.path(), step, v.seq(), null, bytes.length, List.of(), null, 0);
    }
    List<Highlighter.Token> tokens =
        text.length() > HIGHLIGHT_LIMIT
            ? List.of()
            : Highlighter.tokens(text, Language.of(v.path()));
    List<TextDiff.Line> lines = null;
    long previousSeq = 0;
    if (diff) {
      // The version before this one is whatever the file held just before its writing event.
      FileVersion prev = project.files().versionAt(runId, v.path(), v.seq() - 1).orElse(null);
      byte[] before =
          prev == null ? null : project.files().fileAt(runId, v.path(), prev.seq()).orElse(null);
      previousSeq = prev == null ? 0 : prev.seq();
      String beforeText = before == null ? null : decode(before);
      if (before != null && beforeText == null) {
        lines =
            List.of(
                new TextDiff.Line(
                    TextDiff.Kind.HEADER, "The previous version is binary; no text diff."));
      } else {
        lines =
            TextDiff.between(
                beforeText == null ? "/dev/null" : "a/" + v.path() + " (step " + previousSeq + ")",
                "b/" + v.path() + " (step " + v.seq() + ")",
                beforeText,
                text);
      }
    }
    return new EditorContent(
        v.path(), step, v.seq(), text, bytes.length, tokens, lines, previousSeq);
  }

  /** UTF-8 text, or null when the bytes are binary (a NUL byte or invalid UTF-8). */
  static String decode(byte[] bytes) {
    for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
      if (bytes[i] == 0) {
        return null;
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static String describe(FileNode root, long step) {
    int count = root.filePaths().size();
    if (count == 0) {
      return "No files at step " + step;
    }
    return count + (count == 1 ? " file" : " files") + " at step " + step;
  }
}
