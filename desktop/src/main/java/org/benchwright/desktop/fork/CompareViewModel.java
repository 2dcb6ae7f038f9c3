package org.benchwright.desktop.fork;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.benchwright.desktop.timeline.EventEntry;
import org.benchwright.desktop.timeline.EventRenderer;
import org.benchwright.desktop.ui.TextDiff;
import org.benchwright.desktop.ui.UiExecutor;
import org.benchwright.engine.fork.Comparison;
import org.benchwright.engine.project.FileVersion;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RecordedEvent;

/**
 * Two runs side by side (ADR 0040): a header per side (outcome, events, model calls, tokens and
 * cost of its branch), the events after the point they part at, the n-th of each side on one row,
 * and the file differences: of the selected row's two steps, and of the two runs' ends. Everything
 * is read off the FX thread; a row's files are read when it is selected.
 */
public final class CompareViewModel {

  /**
   * One aligned step.
   *
   * @param index 1 for the first step after the shared part
   * @param a the first run's event there, rendered; null once that side has ended
   * @param b the second run's
   */
  public record Row(int index, EventEntry a, EventEntry b) {
    /** "#58 model response · Model response #3 …", or "—" for a side that ended. */
    static String text(EventEntry e) {
      if (e == null) {
        return "—";
      }
      String type =
          e.type() == null ? "?" : e.type().name().toLowerCase(Locale.ROOT).replace('_', ' ');
      return "#" + e.seq() + " " + type + " · " + e.title();
    }

    public String aText() {
      return text(a);
    }

    public String bText() {
      return text(b);
    }

    /** Whether the two sides did the same kind of thing with the same title here. */
    public boolean same() {
      return a != null
          && b != null
          && a.type() == b.type()
          && Objects.equals(a.title(), b.title())
          && Objects.equals(a.body(), b.body());
    }
  }

  private final Project project;
  private final long runA;
  private final long runB;
  private final UiExecutor executor;
  private final ObservableList<Row> rows = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper headerA = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper headerB = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper shared = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper stepTitle = new ReadOnlyStringWrapper("");
  private final ReadOnlyObjectWrapper<List<TextDiff.Line>> stepDiff =
      new ReadOnlyObjectWrapper<>(List.of());
  private final ReadOnlyObjectWrapper<List<TextDiff.Line>> endDiff =
      new ReadOnlyObjectWrapper<>(List.of());
  private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper();
  private Comparison comparison;
  private long selectTicket;

  public CompareViewModel(Project project, long runA, long runB, UiExecutor executor) {
    this.project = Objects.requireNonNull(project);
    this.runA = runA;
    this.runB = runB;
    this.executor = Objects.requireNonNull(executor);
  }

  private record Read(Comparison comparison, List<Row> rows, List<TextDiff.Line> end) {}

  /** Compares the two runs off the FX thread. */
  public void load() {
    executor.execute(
        () -> {
          Comparison c = Comparison.of(project, runA, runB);
          List<Row> read = new ArrayList<>(c.steps().size());
          int i = 0;
          for (Comparison.Step s : c.steps()) {
            read.add(new Row(++i, render(s.a()), render(s.b())));
          }
          return new Read(c, read, diffLines(project, c.filesAtEnd(project)));
        },
        r -> {
          comparison = r.comparison();
          headerA.set(header(r.comparison().a(), r.comparison().sharedTo()));
          headerB.set(header(r.comparison().b(), r.comparison().sharedTo()));
          shared.set(sharedText(r.comparison()));
          rows.setAll(r.rows());
          endDiff.set(r.end());
          loaded.set(true);
        },
        e -> error.set(e.getMessage() == null ? e.toString() : e.getMessage()));
  }

  private static EventEntry render(RecordedEvent e) {
    return e == null ? null : EventRenderer.render(e);
  }

  /**
   * "Run 3 (fork of 1 at 57) · failed · 6 events · 2 model calls · 120 in / 40 out tokens ·
   * $0.0012": what the side did after the shared part.
   */
  static String header(Comparison.Side s, long sharedTo) {
    String fork =
        s.run().parentRunId() == null
            ? ""
            : " (fork of " + s.run().parentRunId() + " at " + s.run().forkSeq() + ")";
    String outcome =
        s.outcome() != null
            ? s.outcome()
            : s.run().status().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    return String.format(
        Locale.ROOT,
        "Run %d%s · %s · %,d events · %,d model calls · %,d in / %,d out tokens · $%.4f",
        s.run().id(),
        fork,
        outcome,
        Math.max(0, s.lastSeq() - sharedTo),
        s.modelCalls(),
        s.inputTokens(),
        s.outputTokens(),
        s.costUsd());
  }

  static String sharedText(Comparison c) {
    return c.sharedTo() == 0
        ? "The runs share no history; their steps are aligned from the first."
        : "Shared history: events 1 to "
            + c.sharedTo()
            + "; the rows below are the steps after it, side by side.";
  }

  /**
   * Shows how the files differ after the row's two steps (a side that ended there counts at its
   * last step).
   */
  public void select(Row row) {
    long ticket = ++selectTicket;
    Comparison c = comparison;
    if (row == null || c == null) {
      stepTitle.set("");
      stepDiff.set(List.of());
      return;
    }
    long seqA = row.a() != null ? row.a().seq() : c.a().lastSeq();
    long seqB = row.b() != null ? row.b().seq() : c.b().lastSeq();
    stepDiff.set(null); // reading: the view says so, and an empty result then still shows
    stepTitle.set(
        "Files of run " + runA + " after #" + seqA + " against run " + runB + " after #" + seqB);
    executor.execute(
        () -> diffLines(project, Comparison.files(project, runA, seqA, runB, seqB, false)),
        lines -> {
          if (ticket == selectTicket) {
            stepDiff.set(lines);
          }
        },
        e -> {
          if (ticket == selectTicket) {
            error.set(e.getMessage());
          }
        });
  }

  /**
   * File differences as diff lines: a changed file's unified diff, an added or removed one whole.
   */
  static List<TextDiff.Line> diffLines(Project project, List<Comparison.FileDiff> diffs) {
    List<TextDiff.Line> lines = new ArrayList<>();
    for (Comparison.FileDiff d : diffs) {
      switch (d.change()) {
        case "changed" -> {
          if (d.unifiedDiff() == null) {
            lines.add(
                new TextDiff.Line(TextDiff.Kind.HEADER, "changed (binary or large): " + d.path()));
          } else {
            lines.addAll(TextDiff.parse(d.unifiedDiff()));
          }
        }
        case "added" -> lines.addAll(whole(project, d.path(), d.b(), true));
        case "removed" -> lines.addAll(whole(project, d.path(), d.a(), false));
        default -> {}
      }
    }
    return lines;
  }

  private static List<TextDiff.Line> whole(
      Project project, String path, FileVersion v, boolean added) {
    String text =
        v.size() > 1 << 20 || v.symlink()
            ? null
            : project
                .blobs()
                .get(v.blobSha())
                .map(b -> new String(b, StandardCharsets.UTF_8))
                .orElse(null);
    if (text == null || text.indexOf('\0') >= 0) {
      return List.of(
          new TextDiff.Line(TextDiff.Kind.HEADER, (added ? "added: " : "removed: ") + path));
    }
    List<TextDiff.Line> lines =
        added
            ? TextDiff.between("/dev/null", "b/" + path, null, text)
            : TextDiff.between("a/" + path, "/dev/null", text, "");
    return lines.isEmpty()
        ? List.of(new TextDiff.Line(TextDiff.Kind.HEADER, (added ? "added: " : "removed: ") + path))
        : lines;
  }

  public long runA() {
    return runA;
  }

  public long runB() {
    return runB;
  }

  public ObservableList<Row> rows() {
    return FXCollections.unmodifiableObservableList(rows);
  }

  public ReadOnlyStringProperty headerAProperty() {
    return headerA.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty headerBProperty() {
    return headerB.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty sharedProperty() {
    return shared.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty stepTitleProperty() {
    return stepTitle.getReadOnlyProperty();
  }

  /** The selected row's file differences; null while they are read. */
  public ReadOnlyObjectProperty<List<TextDiff.Line>> stepDiffProperty() {
    return stepDiff.getReadOnlyProperty();
  }

  /** How the two runs' files differ at their ends. */
  public ReadOnlyObjectProperty<List<TextDiff.Line>> endDiffProperty() {
    return endDiff.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty loadedProperty() {
    return loaded.getReadOnlyProperty();
  }
}
