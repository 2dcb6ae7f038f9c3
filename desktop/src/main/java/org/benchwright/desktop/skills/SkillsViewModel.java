package org.benchwright.desktop.skills;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.benchwright.desktop.ui.UiExecutor;
import org.benchwright.engine.project.Skills.SkillVersion;
import org.benchwright.engine.skills.SkillDraft;
import org.benchwright.engine.skills.SkillHit;
import org.benchwright.engine.skills.SkillLibrary;

/**
 * The skills browser's state: a debounced search (the same hybrid search the agents' tool uses),
 * the selected skill rendered as HTML, its version history with a diff, editing (a save is a new
 * version) and the run that taught it. All engine work runs through the {@link UiExecutor}; results
 * of a search that a newer query has overtaken are dropped.
 */
public final class SkillsViewModel {

  /** How long typing must pause before a search starts. */
  public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(250);

  static final int MAX_RESULTS = 50;

  private final SkillLibrary library;
  private final UiExecutor executor;
  private final LongConsumer openRun;
  private final Duration debounce;

  private final StringProperty query = new SimpleStringProperty("");
  private final ObservableList<SkillHit> results = FXCollections.observableArrayList();
  private final ObservableList<SkillVersion> history = FXCollections.observableArrayList();
  private final ReadOnlyObjectWrapper<SkillVersion> shown = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper html = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper diff = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper searching = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyObjectWrapper<Long> originRun = new ReadOnlyObjectWrapper<>();
  private final StringProperty editTitle = new SimpleStringProperty("");
  private final StringProperty editMarkdown = new SimpleStringProperty("");
  // Each search gets the next number; only the newest may show its results.
  private final AtomicLong searches = new AtomicLong();
  private String selectedName;

  public SkillsViewModel(SkillLibrary library, UiExecutor executor, LongConsumer openRun) {
    this(library, executor, openRun, DEFAULT_DEBOUNCE);
  }

  public SkillsViewModel(
      SkillLibrary library, UiExecutor executor, LongConsumer openRun, Duration debounce) {
    this.library = library;
    this.executor = executor;
    this.openRun = openRun;
    this.debounce = debounce;
    query.addListener((o, was, now) -> search());
  }

  /** The search box's text; every change starts a (debounced) search. */
  public StringProperty queryProperty() {
    return query;
  }

  /** Hits of the newest finished search, best first. */
  public ObservableList<SkillHit> results() {
    return FXCollections.unmodifiableObservableList(results);
  }

  /** Every version of the selected skill, oldest first. */
  public ObservableList<SkillVersion> history() {
    return FXCollections.unmodifiableObservableList(history);
  }

  /** The version on display. */
  public ReadOnlyObjectProperty<SkillVersion> shownProperty() {
    return shown.getReadOnlyProperty();
  }

  /** The shown version as an HTML page. */
  public ReadOnlyStringProperty htmlProperty() {
    return html.getReadOnlyProperty();
  }

  /** The shown version against the one before it, as a line diff. */
  public ReadOnlyStringProperty diffProperty() {
    return diff.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty searchingProperty() {
    return searching.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty savingProperty() {
    return saving.getReadOnlyProperty();
  }

  /**
   * The run that taught the shown version, or (for a version edited by hand) the one that taught
   * the newest earlier version that has one; null when a human wrote the skill.
   */
  public ReadOnlyObjectProperty<Long> originRunProperty() {
    return originRun.getReadOnlyProperty();
  }

  public StringProperty editTitleProperty() {
    return editTitle;
  }

  public StringProperty editMarkdownProperty() {
    return editMarkdown;
  }

  /** Searches for the current query now, after the debounce pause. */
  public void search() {
    search(true);
  }

  /** announce: say in the status how many skills were found (not after a save, which says so). */
  private void search(boolean announce) {
    long mine = searches.incrementAndGet();
    String q = query.get();
    searching.set(true);
    Runnable start =
        () -> {
          // Typing fast overtakes searches: those end here, before any work or any wait.
          if (mine != searches.get()) {
            return;
          }
          executor.execute(
              () -> mine != searches.get() ? null : library.search(q, MAX_RESULTS),
              hits -> {
                if (hits == null || mine != searches.get()) {
                  return;
                }
                searching.set(false);
                results.setAll(hits);
                if (!announce) {
                  return;
                }
                status.set(
                    hits.isEmpty()
                        ? (q.isBlank() ? "No skills yet." : "No skill matches '" + q.strip() + "'.")
                        : hits.size() + (hits.size() == 1 ? " skill" : " skills"));
              },
              e -> {
                if (mine == searches.get()) {
                  searching.set(false);
                  status.set("Search failed: " + e.getMessage());
                }
              });
        };
    if (debounce.isZero()) {
      start.run();
    } else {
      // The pause runs on the JDK's timer thread, so the (single) UI worker is never held by it.
      CompletableFuture.delayedExecutor(debounce.toMillis(), TimeUnit.MILLISECONDS).execute(start);
    }
  }

  /** Shows a skill (its newest version) and loads its history. */
  public void select(SkillHit hit) {
    if (hit == null) {
      return;
    }
    load(hit.skill().name(), hit.skill().version());
  }

  /** Shows another version of the selected skill. */
  public void showVersion(SkillVersion v) {
    if (v != null) {
      display(v);
    }
  }

  private void load(String name, int version) {
    selectedName = name;
    executor.execute(
        () -> library.history(name),
        versions -> {
          if (!name.equals(selectedName)) {
            return;
          }
          history.setAll(versions);
          versions.stream()
              .filter(v -> v.version() == version)
              .findFirst()
              .or(() -> versions.isEmpty() ? Optional.empty() : Optional.of(versions.getLast()))
              .ifPresent(this::display);
        },
        e -> status.set("Cannot read skill '" + name + "': " + e.getMessage()));
  }

  private void display(SkillVersion v) {
    originRun.set(
        history.stream()
            .filter(h -> h.version() <= v.version() && h.originRunId() != null)
            .map(SkillVersion::originRunId)
            .reduce((a, b) -> b)
            .orElse(v.originRunId()));
    shown.set(v);
    html.set(MarkdownHtml.page(v));
    editTitle.set(v.title());
    editMarkdown.set(v.markdown());
    Optional<SkillVersion> previous =
        history.stream().filter(h -> h.version() == v.version() - 1).findFirst();
    diff.set(
        previous
            .map(
                p ->
                    "version "
                        + p.version()
                        + " → "
                        + v.version()
                        + "\n"
                        + LineDiff.render(LineDiff.diff(text(p), text(v))))
            .orElse("Version " + v.version() + " is the first; there is nothing to compare."));
  }

  private static String text(SkillVersion v) {
    return "# " + v.title() + "\n\n" + v.markdown();
  }

  /**
   * Saves the edit fields as a new version of the shown skill. A refused edit keeps the fields as
   * they are and says why in the status.
   */
  public void saveEdit() {
    SkillVersion base = shown.get();
    if (base == null) {
      status.set("Select a skill to edit first.");
      return;
    }
    String title = editTitle.get();
    String markdown = editMarkdown.get();
    if (title.equals(base.title()) && markdown.strip().equals(base.markdown().strip())) {
      status.set("Nothing changed; no version saved.");
      return;
    }
    saving.set(true);
    executor.execute(
        () -> library.save(new SkillDraft(base.name(), title, markdown, assetsOf(base), null)),
        saved -> {
          saving.set(false);
          status.set("Saved " + saved.name() + " version " + saved.version() + ".");
          load(saved.name(), saved.version());
          search(false);
        },
        e -> {
          saving.set(false);
          status.set("Not saved: " + e.getMessage());
        });
  }

  /** A new version keeps the assets of the one it was edited from. */
  private java.util.Map<String, byte[]> assetsOf(SkillVersion v) {
    java.util.Map<String, byte[]> out = new java.util.LinkedHashMap<>();
    v.assets().forEach(a -> library.asset(v, a.name()).ifPresent(b -> out.put(a.name(), b)));
    return out;
  }

  /** Hands the run that taught the shown version to the window that shows runs. */
  public void openOrigin() {
    Long run = originRun.get();
    if (run != null) {
      openRun.accept(run);
    }
  }

  /** The versions of the shown skill, for tests and the history list. */
  List<SkillVersion> versions() {
    return List.copyOf(history);
  }
}
