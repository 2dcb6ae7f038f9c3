package org.benchwright.desktop.export;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.benchwright.desktop.ui.DialogService;
import org.benchwright.desktop.ui.UiExecutor;
import org.benchwright.engine.export.ExportFilter;
import org.benchwright.engine.export.ExportResult;
import org.benchwright.engine.export.ExportSplit;
import org.benchwright.engine.export.TrainingDataExport;
import org.benchwright.engine.project.Project;

/**
 * The export dialog's state: filters, how much they select (counted before exporting), progress and
 * cancel. The export itself runs off the FX thread; a cancelled or failed export leaves no partial
 * files behind.
 */
public final class ExportViewModel {

  private final Project project;
  private final UiExecutor executor;
  private final DialogService dialogs;

  private final StringProperty workflow = new SimpleStringProperty("");
  private final StringProperty node = new SimpleStringProperty("");
  private final StringProperty outcome = new SimpleStringProperty("any");
  private final StringProperty model = new SimpleStringProperty("");
  private final StringProperty since = new SimpleStringProperty("");
  private final StringProperty until = new SimpleStringProperty("");
  private final DoubleProperty validationPercent = new SimpleDoubleProperty(10);
  private final BooleanProperty benchmarksOnly = new SimpleBooleanProperty(false);

  private final ReadOnlyStringWrapper counts = new ReadOnlyStringWrapper("Not counted yet");
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
  private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
  private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
  private final AtomicBoolean cancelRequested = new AtomicBoolean();

  public ExportViewModel(Project project, UiExecutor executor, DialogService dialogs) {
    this.project = project;
    this.executor = executor;
    this.dialogs = dialogs;
  }

  public StringProperty workflowProperty() {
    return workflow;
  }

  public StringProperty nodeProperty() {
    return node;
  }

  /** any, passed or failed. */
  public StringProperty outcomeProperty() {
    return outcome;
  }

  public StringProperty modelProperty() {
    return model;
  }

  /** YYYY-MM-DD or empty. */
  public StringProperty sinceProperty() {
    return since;
  }

  public StringProperty untilProperty() {
    return until;
  }

  public DoubleProperty validationPercentProperty() {
    return validationPercent;
  }

  public BooleanProperty benchmarksOnlyProperty() {
    return benchmarksOnly;
  }

  public ReadOnlyStringProperty countsProperty() {
    return counts.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  public ReadOnlyDoubleProperty progressProperty() {
    return progress.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty runningProperty() {
    return running.getReadOnlyProperty();
  }

  /** The filter the fields describe; a field that does not parse is reported, not guessed. */
  ExportFilter filter() {
    ExportFilter f = ExportFilter.all();
    if (!workflow.get().isBlank()) {
      f = f.withWorkflow(workflow.get().strip());
    }
    if (!node.get().isBlank()) {
      f = f.withNode(node.get().strip());
    }
    if (!outcome.get().equals("any")) {
      f = f.withOutcome(outcome.get());
    }
    if (!model.get().isBlank()) {
      f = f.withModel(model.get().strip());
    }
    if (!since.get().isBlank() || !until.get().isBlank()) {
      f =
          f.withCreated(
              since.get().isBlank()
                  ? null
                  : date(since.get(), "From").atStartOfDay().toInstant(ZoneOffset.UTC),
              until.get().isBlank()
                  ? null
                  : date(until.get(), "To").plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
    }
    return f.withBenchmarkOnly(benchmarksOnly.get());
  }

  private ExportSplit split() {
    double fraction = validationPercent.get() / 100.0;
    return fraction <= 0 ? ExportSplit.NONE : new ExportSplit(fraction, 0);
  }

  private static LocalDate date(String text, String field) {
    try {
      return LocalDate.parse(text.strip());
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException(
          field + " date must look like 2026-11-23, not '" + text + "'.");
    }
  }

  /** Counts what the filters select, in the background. */
  public void refreshCounts() {
    ExportFilter f;
    try {
      f = filter();
    } catch (IllegalArgumentException e) {
      counts.set(e.getMessage());
      return;
    }
    ExportSplit split = split();
    counts.set("Counting…");
    executor.execute(
        () -> new TrainingDataExport(project).count(f, split),
        r -> counts.set(describe(r)),
        e -> counts.set("Could not count: " + e.getMessage()));
  }

  static String describe(ExportResult r) {
    return String.format(
        "%d runs → %d training and %d validation examples%s",
        r.runs(),
        r.trainLines(),
        r.validationLines(),
        r.dropped() > 0 ? " (" + r.dropped() + " incomplete episodes left out)" : "");
  }

  /** Asks where to write, then exports with progress; the validation file sits beside it. */
  public void export() {
    if (running.get()) {
      return;
    }
    ExportFilter f;
    try {
      f = filter();
    } catch (IllegalArgumentException e) {
      status.set(e.getMessage());
      return;
    }
    dialogs.chooseExportFile().ifPresent(train -> exportTo(train, f));
  }

  void exportTo(Path train, ExportFilter f) {
    ExportSplit split = split();
    Path validation =
        split == ExportSplit.NONE ? null : train.resolveSibling(stem(train) + ".validation.jsonl");
    cancelRequested.set(false);
    running.set(true);
    progress.set(0);
    status.set("Exporting…");
    AtomicLong lastPost = new AtomicLong();
    executor.execute(
        () ->
            write(
                train,
                validation,
                f,
                split,
                (read, total) -> {
                  long now = System.nanoTime();
                  // At most ~20 updates a second reach the FX thread, however fast events stream.
                  if (read == total || now - lastPost.get() > 50_000_000L) {
                    lastPost.set(now);
                    double p = total == 0 ? 1 : (double) read / total;
                    executor.post(() -> progress.set(p));
                  }
                }),
        r -> {
          running.set(false);
          progress.set(1);
          status.set("Exported " + describe(r) + " to " + train.getFileName() + ".");
        },
        e -> {
          running.set(false);
          progress.set(0);
          Throwable cause =
              e.getCause() != null && !(e instanceof CancellationException) ? e.getCause() : e;
          if (e instanceof CancellationException || cause instanceof CancellationException) {
            status.set("Export cancelled; no file was written.");
          } else {
            status.set("Export failed: " + e.getMessage());
            dialogs.showError("The export failed", e);
          }
        });
  }

  private ExportResult write(
      Path train, Path validation, ExportFilter f, ExportSplit split, TrainingDataExport.Progress p)
      throws IOException {
    Path trainTmp = train.resolveSibling(train.getFileName() + ".part");
    Path validationTmp =
        validation == null ? null : validation.resolveSibling(validation.getFileName() + ".part");
    try (Writer t = Files.newBufferedWriter(trainTmp, StandardCharsets.UTF_8);
        Writer v =
            validationTmp == null
                ? null
                : Files.newBufferedWriter(validationTmp, StandardCharsets.UTF_8)) {
      ExportResult r =
          new TrainingDataExport(project).export(f, split, t, v, p, cancelRequested::get);
      t.flush();
      if (v != null) {
        v.flush();
      }
      Files.move(trainTmp, train, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      if (validationTmp != null) {
        Files.move(validationTmp, validation, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      return r;
    } finally {
      Files.deleteIfExists(trainTmp);
      if (validationTmp != null) {
        Files.deleteIfExists(validationTmp);
      }
    }
  }

  public void cancel() {
    cancelRequested.set(true);
  }

  private static String stem(Path p) {
    String name = p.getFileName().toString();
    return name.endsWith(".jsonl") ? name.substring(0, name.length() - 6) : name;
  }
}
