package org.benchwright.desktop.capabilities;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
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
import org.benchwright.desktop.editor.HighlightedText;
import org.benchwright.desktop.ui.DialogService;
import org.benchwright.desktop.ui.TextDiff;
import org.benchwright.desktop.ui.UiExecutor;
import org.benchwright.engine.capabilities.CapabilityHit;
import org.benchwright.engine.capabilities.CapabilityRegistry;
import org.benchwright.engine.capabilities.CapabilitySandbox;
import org.benchwright.engine.capabilities.TestOutcome;
import org.benchwright.engine.project.Capabilities;
import org.benchwright.engine.project.Capabilities.Counters;
import org.benchwright.engine.project.Capabilities.Entry;
import org.benchwright.engine.project.Capabilities.TestRun;
import org.benchwright.engine.project.Capabilities.Version;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.settings.SettingSpec;
import org.benchwright.engine.workflow.Workflows;

/**
 * The capabilities browser's state: a debounced search (the registry's, with the project's match
 * threshold), the selected capability's code, tests, spec, versions with a diff, test runs, reuse
 * and the runs that made and used it, and the maintenance a user does (re-run the tests,
 * quarantine, restore, delete). All engine work runs through the {@link UiExecutor}; results of a
 * search that a newer query has overtaken are dropped, as are reads for a capability no longer
 * selected. Failures go to the error dialog.
 */
public final class CapabilitiesViewModel {

  /** How long typing must pause before a search starts. */
  public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(250);

  static final int MAX_RESULTS = 50;
  static final String THRESHOLD = "capabilities.threshold";
  static final String TEST_SECONDS = "capabilities.test_seconds";
  static final String QUARANTINE_REASON = "set aside by a user";

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
          .withZone(ZoneId.systemDefault());

  /**
   * A line of the results: every capability when the query is empty, else a search hit (with its
   * scores in {@code hit}).
   */
  public record Row(String name, int version, String status, CapabilityHit hit) {}

  private record Found(List<Row> rows, double threshold) {}

  private record Loaded(
      Entry entry, List<Version> versions, List<TestRun> testRuns, List<Long> usedIn) {}

  private record Shown(
      Version version,
      HighlightedText code,
      HighlightedText tests,
      String spec,
      List<TextDiff.Line> diff) {}

  private final Project project;
  private final CapabilityRegistry registry;
  private final UiExecutor executor;
  private final DialogService dialogs;
  private final LongConsumer openRun;
  private final Supplier<CapabilitySandbox> sandbox;
  private final Duration debounce;

  private final StringProperty query = new SimpleStringProperty("");
  private final ObservableList<Row> results = FXCollections.observableArrayList();
  private final ReadOnlyObjectWrapper<Entry> selected = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");
  private final ObservableList<Version> versions = FXCollections.observableArrayList();
  private final ReadOnlyObjectWrapper<Version> shown = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<HighlightedText> code =
      new ReadOnlyObjectWrapper<>(HighlightedText.EMPTY);
  private final ReadOnlyObjectWrapper<HighlightedText> tests =
      new ReadOnlyObjectWrapper<>(HighlightedText.EMPTY);
  private final ReadOnlyStringWrapper spec = new ReadOnlyStringWrapper("");
  private final ReadOnlyObjectWrapper<List<TextDiff.Line>> diff =
      new ReadOnlyObjectWrapper<>(List.of());
  private final ReadOnlyStringWrapper diffNote = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper description = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper origin = new ReadOnlyStringWrapper("");
  private final ObservableList<TestRun> testRuns = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper usage = new ReadOnlyStringWrapper("");
  private final ObservableList<Long> madeBy = FXCollections.observableArrayList();
  private final ObservableList<Long> usedIn = FXCollections.observableArrayList();
  // One read-only view of each list, kept: listeners on a view made per call would be lost with
  // it, since a view listens to its list only weakly.
  private final ObservableList<Row> resultsView = FXCollections.unmodifiableObservableList(results);
  private final ObservableList<Version> versionsView =
      FXCollections.unmodifiableObservableList(versions);
  private final ObservableList<TestRun> testRunsView =
      FXCollections.unmodifiableObservableList(testRuns);
  private final ObservableList<Long> madeByView = FXCollections.unmodifiableObservableList(madeBy);
  private final ObservableList<Long> usedInView = FXCollections.unmodifiableObservableList(usedIn);
  private final ReadOnlyStringWrapper toggleText = new ReadOnlyStringWrapper("Quarantine");
  private final ReadOnlyBooleanWrapper toggleAllowed = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper searching = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper retesting = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);

  // Each search gets the next number; only the newest may show its results. Read by the timer
  // thread and the worker, hence atomic; the two below live on the FX thread only.
  private final AtomicLong searches = new AtomicLong();
  private long loads;
  private long shows;
  private String selectedName;

  /**
   * @param sandbox where re-run tests execute; asked on the worker, once per re-run, so starting
   *     Docker never holds the FX thread and its failure reaches the error dialog
   */
  public CapabilitiesViewModel(
      Project project,
      CapabilityRegistry registry,
      UiExecutor executor,
      DialogService dialogs,
      LongConsumer openRun,
      Supplier<CapabilitySandbox> sandbox) {
    this(project, registry, executor, dialogs, openRun, sandbox, DEFAULT_DEBOUNCE);
  }

  public CapabilitiesViewModel(
      Project project,
      CapabilityRegistry registry,
      UiExecutor executor,
      DialogService dialogs,
      LongConsumer openRun,
      Supplier<CapabilitySandbox> sandbox,
      Duration debounce) {
    this.project = Objects.requireNonNull(project);
    this.registry = Objects.requireNonNull(registry);
    this.executor = Objects.requireNonNull(executor);
    this.dialogs = Objects.requireNonNull(dialogs);
    this.openRun = Objects.requireNonNull(openRun);
    this.sandbox = Objects.requireNonNull(sandbox);
    this.debounce = debounce;
    query.addListener((o, was, now) -> search());
  }

  /** The search box's text; every change starts a (debounced) search. Empty lists them all. */
  public StringProperty queryProperty() {
    return query;
  }

  public ObservableList<Row> results() {
    return resultsView;
  }

  /** The selected capability (status, reason, counters, newest version); null when none. */
  public ReadOnlyObjectProperty<Entry> selectedProperty() {
    return selected.getReadOnlyProperty();
  }

  /** e.g. "percentage_of v2 · quarantined (tests failed on re-run: …)". */
  public ReadOnlyStringProperty titleProperty() {
    return title.getReadOnlyProperty();
  }

  /** Every version of the selected capability, oldest first. */
  public ObservableList<Version> versions() {
    return versionsView;
  }

  /** The version whose code, tests, spec and diff are on display. */
  public ReadOnlyObjectProperty<Version> shownProperty() {
    return shown.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<HighlightedText> codeProperty() {
    return code.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<HighlightedText> testsProperty() {
    return tests.getReadOnlyProperty();
  }

  /** The shown version's spec as indented JSON. */
  public ReadOnlyStringProperty specProperty() {
    return spec.getReadOnlyProperty();
  }

  /** The shown version against the one before it (spec, code and tests); empty for a first. */
  public ReadOnlyObjectProperty<List<TextDiff.Line>> diffProperty() {
    return diff.getReadOnlyProperty();
  }

  /** What to show when {@link #diffProperty()} is empty. */
  public ReadOnlyStringProperty diffNoteProperty() {
    return diffNote.getReadOnlyProperty();
  }

  /** What the shown version does, as its spec says. */
  public ReadOnlyStringProperty descriptionProperty() {
    return description.getReadOnlyProperty();
  }

  /** Where the shown version came from, in words. */
  public ReadOnlyStringProperty originProperty() {
    return origin.getReadOnlyProperty();
  }

  /** Every run of the selected capability's tests, oldest first. */
  public ObservableList<TestRun> testRuns() {
    return testRunsView;
  }

  /** The reuse counters in words. */
  public ReadOnlyStringProperty usageProperty() {
    return usage.getReadOnlyProperty();
  }

  /** The runs that registered a version of it, in version order. */
  public ObservableList<Long> madeBy() {
    return madeByView;
  }

  /** The runs that found or called it, each once, in the order of their first use. */
  public ObservableList<Long> usedIn() {
    return usedInView;
  }

  /** "Quarantine" for an offered capability, "Restore" otherwise. */
  public ReadOnlyStringProperty toggleTextProperty() {
    return toggleText.getReadOnlyProperty();
  }

  /**
   * False with nothing selected and for an imported capability: that one is offered once its tests
   * pass here (re-run them), not by restoring it untested.
   */
  public ReadOnlyBooleanProperty toggleAllowedProperty() {
    return toggleAllowed.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty searchingProperty() {
    return searching.getReadOnlyProperty();
  }

  /** True while the selected capability's tests run in the sandbox. */
  public ReadOnlyBooleanProperty retestingProperty() {
    return retesting.getReadOnlyProperty();
  }

  /** True while a re-run, quarantine, restore or deletion is under way: one at a time. */
  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  // --- search ---------------------------------------------------------------------------------

  /** Searches for the current query after the debounce pause. */
  public void search() {
    search(true);
  }

  /** announce: say in the status what was found (not after a change, which says what it did). */
  private void search(boolean announce) {
    long mine = searches.incrementAndGet();
    String q = query.get().strip();
    searching.set(true);
    Runnable start =
        () -> {
          // Typing fast overtakes searches: those end here, before any work or any wait.
          if (mine != searches.get()) {
            return;
          }
          executor.execute(
              () -> mine != searches.get() ? null : find(q),
              found -> {
                if (found == null || mine != searches.get()) {
                  return;
                }
                searching.set(false);
                results.setAll(found.rows());
                if (announce) {
                  status.set(describe(q, found));
                }
              },
              e -> {
                if (mine == searches.get()) {
                  searching.set(false);
                  status.set("Search failed.");
                  dialogs.showError("Cannot search the capabilities", e);
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

  private Found find(String q) {
    if (q.isEmpty()) {
      return new Found(
          registry.list().stream()
              .map(e -> new Row(e.name(), e.latest().version(), e.status(), null))
              .toList(),
          0);
    }
    // Read per search, so a threshold changed in Project Settings applies to the next one.
    double threshold = Double.parseDouble(setting(THRESHOLD));
    // The registry searches only what it offers, so every hit is active.
    return new Found(
        registry.search(q, MAX_RESULTS, threshold).stream()
            .map(h -> new Row(h.name(), h.version(), Capabilities.ACTIVE, h))
            .toList(),
        threshold);
  }

  private static String describe(String q, Found found) {
    List<Row> rows = found.rows();
    if (q.isEmpty()) {
      return rows.isEmpty()
          ? "No capabilities yet."
          : rows.size() + (rows.size() == 1 ? " capability" : " capabilities");
    }
    if (rows.isEmpty()) {
      return "No offered capability fits '" + q + "'.";
    }
    long matches = rows.stream().filter(r -> r.hit().matches()).count();
    return String.format(
        Locale.ROOT,
        "%d found · %d at or above the match threshold %.2f",
        rows.size(),
        matches,
        found.threshold());
  }

  /** The project's value of a setting, else the default the settings catalog gives it. */
  private String setting(String key) {
    return project
        .settings()
        .get(key)
        .or(() -> Workflows.settings().find(key).map(SettingSpec::defaultJson))
        .orElseThrow(() -> new IllegalStateException("No setting " + key + " is known."));
  }

  // --- the selected capability ----------------------------------------------------------------

  /** Shows a capability (its newest version) with everything about it. */
  public void select(Row row) {
    if (row != null) {
      load(row.name(), 0);
    }
  }

  /** Shows another version of the selected capability. */
  public void showVersion(Version v) {
    if (v != null && v.name().equals(selectedName)) {
      display(v);
    }
  }

  /** keep: the version to stay on when it still exists (0: the newest). */
  private void load(String name, int keep) {
    selectedName = name;
    long mine = ++loads;
    executor.execute(
        () -> read(name),
        loaded -> {
          if (mine != loads) {
            return;
          }
          if (loaded == null) {
            clear();
            status.set("There is no capability named '" + name + "' any more.");
            return;
          }
          Entry e = loaded.entry();
          selected.set(e);
          title.set(
              e.name()
                  + " v"
                  + e.latest().version()
                  + " · "
                  + e.status()
                  + (e.statusReason() == null ? "" : " (" + e.statusReason() + ")"));
          versions.setAll(loaded.versions());
          testRuns.setAll(loaded.testRuns());
          usage.set(usage(e.counters()));
          madeBy.setAll(
              loaded.versions().stream()
                  .map(Version::originRunId)
                  .filter(Objects::nonNull)
                  .distinct()
                  .toList());
          usedIn.setAll(loaded.usedIn());
          toggleText.set(e.offered() ? "Quarantine" : "Restore");
          toggleAllowed.set(!Capabilities.UNVERIFIED.equals(e.status()));
          display(
              loaded.versions().stream()
                  .filter(v -> v.version() == keep)
                  .findFirst()
                  .orElse(loaded.versions().getLast()));
        },
        e -> dialogs.showError("Cannot read capability " + name, e));
  }

  private Loaded read(String name) {
    Capabilities c = project.capabilities();
    List<Version> all = c.versions(name);
    Entry e = registry.get(name).orElse(null);
    if (e == null || all.isEmpty()) {
      return null;
    }
    List<Long> runs =
        c.uses(name).stream()
            .map(Capabilities.Use::runId)
            .filter(Objects::nonNull)
            .distinct()
            .toList();
    return new Loaded(e, all, c.testRuns(name), runs);
  }

  private void display(Version v) {
    long mine = ++shows;
    Version previous =
        versions.stream().filter(p -> p.version() == v.version() - 1).findFirst().orElse(null);
    executor.execute(
        () -> shownOf(v, previous),
        s -> {
          if (mine != shows) {
            return;
          }
          shown.set(s.version());
          code.set(s.code());
          tests.set(s.tests());
          spec.set(s.spec());
          diffNote.set(
              previous == null
                  ? "Version " + v.version() + " is the first; there is nothing to compare."
                  : "Versions " + previous.version() + " and " + v.version() + " are the same.");
          diff.set(s.diff());
          description.set(v.description());
          origin.set(originOf(v));
        },
        e -> dialogs.showError("Cannot show version " + v.version() + " of " + v.name(), e));
  }

  private static Shown shownOf(Version v, Version previous) {
    String spec = specOf(v);
    List<TextDiff.Line> diff =
        previous == null
            ? List.of()
            : TextDiff.between(
                "version " + previous.version(),
                "version " + v.version(),
                document(previous, specOf(previous)),
                document(v, spec));
    return new Shown(
        v,
        HighlightedText.of("capability.py", v.code()),
        HighlightedText.of("test_capability.py", v.tests()),
        spec,
        diff);
  }

  private static String specOf(Version v) {
    return CapabilityRegistry.spec(v).toJson().toPrettyString();
  }

  /** A version as one text, so one diff shows what changed in its spec, code and tests. */
  static String document(Version v, String spec) {
    return "=== spec ===\n"
        + spec
        + "\n=== capability.py ===\n"
        + v.code().stripTrailing()
        + "\n=== test_capability.py ===\n"
        + v.tests().stripTrailing()
        + "\n";
  }

  private static String originOf(Version v) {
    String made = "Version " + v.version() + ", " + when(v.createdAt()) + ": ";
    if (v.originRunId() != null) {
      return made
          + "registered by run "
          + v.originRunId()
          + (v.originSeq() == null ? "" : " at step " + v.originSeq())
          + ".";
    }
    return made + (v.originNote() == null ? "not made by a run." : v.originNote() + ".");
  }

  static String usage(Counters c) {
    return String.format(
        Locale.ROOT,
        "Found %d · called %d · succeeded %d · failed %d · %s",
        c.found(),
        c.called(),
        c.succeeded(),
        c.failed(),
        c.lastUsed() == null ? "never called" : "last called " + when(c.lastUsed()));
  }

  /** A moment as the browser shows it, in the local time zone. */
  public static String when(Instant t) {
    return t == null ? "" : WHEN.format(t);
  }

  private void clear() {
    loads++;
    shows++;
    selectedName = null;
    selected.set(null);
    title.set("");
    versions.clear();
    shown.set(null);
    code.set(HighlightedText.EMPTY);
    tests.set(HighlightedText.EMPTY);
    spec.set("");
    diff.set(List.of());
    diffNote.set("");
    description.set("");
    origin.set("");
    testRuns.clear();
    usage.set("");
    madeBy.clear();
    usedIn.clear();
    toggleText.set("Quarantine");
    toggleAllowed.set(false);
  }

  /** Hands a run (one that made or used the capability) to the window that shows runs. */
  public void openRun(long runId) {
    openRun.accept(runId);
  }

  // --- maintenance ----------------------------------------------------------------------------

  /**
   * Runs the newest version's tests again in the sandbox; failing tests quarantine it, passing
   * tests offer a quarantined or imported one again (the registry decides, as for the CLI).
   */
  public void retest() {
    Entry e = selected.get();
    if (e == null || busy.get()) {
      return;
    }
    String name = e.name();
    busy.set(true);
    retesting.set(true);
    status.set("Running the tests of " + name + " in a sandbox…");
    executor.execute(
        () ->
            registry.retest(
                name, sandbox.get(), Duration.ofSeconds(Long.parseLong(setting(TEST_SECONDS)))),
        (TestOutcome t) -> {
          busy.set(false);
          retesting.set(false);
          status.set(
              t.admits()
                  ? name + ": all " + t.total() + " tests pass; it is offered."
                  : name + " is quarantined: " + t.reason());
          refresh(name);
        },
        err -> {
          busy.set(false);
          retesting.set(false);
          status.set("The tests of " + name + " did not run.");
          dialogs.showError("Cannot re-run the tests of " + name, err);
        });
  }

  /** Quarantines an offered capability, or offers a quarantined one again (untested). */
  public void toggleQuarantine() {
    Entry e = selected.get();
    if (e == null || busy.get() || !toggleAllowed.get()) {
      return;
    }
    String name = e.name();
    boolean quarantine = e.offered();
    busy.set(true);
    executor.execute(
        () -> quarantine ? registry.quarantine(name, QUARANTINE_REASON) : registry.restore(name),
        changed -> {
          busy.set(false);
          status.set(
              !changed
                  ? "There is no capability named '" + name + "' any more."
                  : quarantine
                      ? name + " is quarantined: agents are not offered it."
                      : name + " is offered again.");
          refresh(name);
        },
        err -> {
          busy.set(false);
          dialogs.showError("Cannot " + (quarantine ? "quarantine " : "restore ") + name, err);
        });
  }

  /** Deletes the selected capability, every version of it, once the user agrees. */
  public void delete() {
    Entry e = selected.get();
    if (e == null || busy.get()) {
      return;
    }
    String name = e.name();
    int n = versions.size();
    if (!dialogs.confirm(
        "Delete capability " + name + "?",
        "Its "
            + (n == 1 ? "version" : n + " versions")
            + ", test runs and usage counters are deleted; this cannot be undone. The runs that"
            + " made or used it keep their events.")) {
      return;
    }
    busy.set(true);
    executor.execute(
        () -> registry.delete(name),
        deleted -> {
          busy.set(false);
          if (name.equals(selectedName)) {
            clear();
          }
          status.set("Deleted " + name + ".");
          search(false);
        },
        err -> {
          busy.set(false);
          dialogs.showError("Cannot delete " + name, err);
        });
  }

  /** After a change: the capability's details and the results' statuses as they are now. */
  private void refresh(String name) {
    if (name.equals(selectedName)) {
      Version v = shown.get();
      load(name, v == null ? 0 : v.version());
    }
    search(false);
  }
}
