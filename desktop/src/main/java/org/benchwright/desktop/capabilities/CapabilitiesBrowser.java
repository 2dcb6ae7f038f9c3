package org.benchwright.desktop.capabilities;

import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.benchwright.desktop.capabilities.CapabilitiesViewModel.Row;
import org.benchwright.desktop.editor.CodeViewer;
import org.benchwright.desktop.editor.HighlightedText;
import org.benchwright.engine.project.Capabilities.TestRun;
import org.benchwright.engine.project.Capabilities.Version;

/**
 * View ▸ Capabilities: search with scores against the match threshold, the selected capability's
 * code, tests, spec, versions with a diff, test runs and reuse, links to the runs that made and
 * used it, and re-run / quarantine / restore / delete. Binds to {@link CapabilitiesViewModel} only.
 */
public final class CapabilitiesBrowser {

  private final Stage stage = new Stage();

  public CapabilitiesBrowser(Window owner, CapabilitiesViewModel vm) {
    stage.initOwner(owner);
    stage.setTitle("Capabilities");

    TextField search = new TextField();
    search.setId("capability-search");
    search.setPromptText("What should the function do? e.g. percentage of a number");
    search.textProperty().bindBidirectional(vm.queryProperty());

    ListView<Row> results = new ListView<>(vm.results());
    results.setId("capability-results");
    results.setCellFactory(l -> new RowCell());
    results.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> vm.select(now));

    Label title = new Label();
    title.setId("capability-title");
    title.setStyle("-fx-font-weight: bold; -fx-font-size: 1.15em;");
    title.textProperty().bind(vm.titleProperty());
    Label description = new Label();
    description.setId("capability-description");
    description.setWrapText(true);
    description.textProperty().bind(vm.descriptionProperty());
    Label origin = new Label();
    origin.setId("capability-origin");
    origin.textProperty().bind(vm.originProperty());

    Button retest = new Button("Re-run Tests");
    retest.setId("capability-retest");
    retest.disableProperty().bind(vm.busyProperty().or(vm.selectedProperty().isNull()));
    retest.setOnAction(e -> vm.retest());
    ProgressIndicator progress = new ProgressIndicator();
    progress.setId("capability-progress");
    progress.setPrefSize(18, 18);
    progress.visibleProperty().bind(vm.retestingProperty());
    Button toggle = new Button();
    toggle.setId("capability-toggle");
    toggle.textProperty().bind(vm.toggleTextProperty());
    toggle.disableProperty().bind(vm.busyProperty().or(vm.toggleAllowedProperty().not()));
    toggle.setOnAction(e -> vm.toggleQuarantine());
    Button delete = new Button("Delete…");
    delete.setId("capability-delete");
    delete.disableProperty().bind(vm.busyProperty().or(vm.selectedProperty().isNull()));
    delete.setOnAction(e -> vm.delete());
    HBox actions = new HBox(8, retest, toggle, delete, progress);
    actions.setAlignment(Pos.CENTER_LEFT);

    CodeViewer code = viewer("capability-code", vm.codeProperty().get());
    vm.codeProperty().addListener((o, was, now) -> code.show(now));
    CodeViewer tests = viewer("capability-tests", vm.testsProperty().get());
    vm.testsProperty().addListener((o, was, now) -> tests.show(now));
    CodeViewer spec = viewer("capability-spec", HighlightedText.EMPTY);
    vm.specProperty().addListener((o, was, now) -> spec.show(HighlightedText.of("spec.json", now)));

    ListView<Version> versions = new ListView<>(vm.versions());
    versions.setId("capability-versions");
    versions.setCellFactory(l -> new VersionCell());
    versions
        .getSelectionModel()
        .selectedItemProperty()
        .addListener((o, was, now) -> vm.showVersion(now));
    CodeViewer diff = new CodeViewer("capability-diff");
    javafx.beans.InvalidationListener showDiff =
        o -> diff.showDiff(vm.diffProperty().get(), vm.diffNoteProperty().get());
    vm.diffProperty().addListener(showDiff);
    vm.diffNoteProperty().addListener(showDiff);
    SplitPane history = new SplitPane(versions, diff.node());
    history.setDividerPositions(0.22);

    TableView<TestRun> runs = new TableView<>(vm.testRuns());
    runs.setId("capability-test-runs");
    runs.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    runs.getColumns()
        .setAll(
            java.util.List.of(
                column("Version", t -> "v" + t.version()),
                column("Phase", TestRun::phase),
                column("Result", t -> t.passed() ? "passed" : "failed"),
                column("Counts", t -> t.total() + " (" + t.failed() + " failed)"),
                column(
                    "Ended",
                    t ->
                        t.exitCode() != null && "EXIT".equals(t.termination())
                            ? "exit " + t.exitCode()
                            : t.termination().toLowerCase(Locale.ROOT).replace('_', ' ')),
                column(
                    "Duration",
                    t ->
                        t.durationMs() < 1000
                            ? t.durationMs() + " ms"
                            : String.format(Locale.ROOT, "%.1f s", t.durationMs() / 1e3)),
                column("Date", t -> CapabilitiesViewModel.when(t.at()))));

    Label usage = new Label();
    usage.setId("capability-usage");
    usage.textProperty().bind(vm.usageProperty());
    VBox reuse =
        new VBox(
            8,
            usage,
            new Label("Made by"),
            runLinks("capability-made-by", vm.madeBy(), vm),
            new Label("Used in"),
            runLinks("capability-used-in", vm.usedIn(), vm));
    reuse.setPadding(new Insets(8));

    TabPane tabs =
        new TabPane(
            new Tab("Code", code.node()),
            new Tab("Tests", tests.node()),
            new Tab("Spec", spec.node()),
            new Tab("Versions", history),
            new Tab("Test Runs", runs),
            new Tab("Usage", reuse));
    tabs.setId("capability-tabs");
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    VBox.setVgrow(tabs, javafx.scene.layout.Priority.ALWAYS);

    VBox details = new VBox(6, title, description, origin, actions, tabs);
    details.setPadding(new Insets(8));

    Label status = new Label();
    status.setId("capabilities-status");
    status.textProperty().bind(vm.statusProperty());
    HBox footer = new HBox(12, status);
    footer.setPadding(new Insets(4, 8, 4, 8));

    SplitPane centre = new SplitPane(results, details);
    centre.setDividerPositions(0.3);
    BorderPane root = new BorderPane(centre);
    BorderPane.setMargin(search, new Insets(8));
    root.setTop(search);
    root.setBottom(footer);
    stage.setScene(new Scene(root, 1200, 760));
  }

  public void show() {
    stage.show();
  }

  /** The window, for tests and screenshots. */
  public Stage stage() {
    return stage;
  }

  private static CodeViewer viewer(String id, HighlightedText first) {
    CodeViewer v = new CodeViewer(id);
    v.show(first);
    return v;
  }

  private static TableColumn<TestRun, String> column(String name, Function<TestRun, String> text) {
    TableColumn<TestRun, String> c = new TableColumn<>(name);
    c.setCellValueFactory(d -> new ReadOnlyStringWrapper(text.apply(d.getValue())));
    c.setSortable(false);
    return c;
  }

  /** One link per run id, kept in step with {@code runs}; a click selects the run. */
  private static Node runLinks(String id, ObservableList<Long> runs, CapabilitiesViewModel vm) {
    FlowPane pane = new FlowPane(6, 4);
    pane.setId(id);
    Runnable fill =
        () -> {
          pane.getChildren().clear();
          if (runs.isEmpty()) {
            pane.getChildren().add(new Label("none"));
          }
          for (long run : runs) {
            Hyperlink link = new Hyperlink("run " + run);
            link.setOnAction(e -> vm.openRun(run));
            pane.getChildren().add(link);
          }
        };
    runs.addListener((ListChangeListener<Long>) c -> fill.run());
    fill.run();
    return pane;
  }

  private static final class RowCell extends ListCell<Row> {
    @Override
    protected void updateItem(Row r, boolean empty) {
      super.updateItem(r, empty);
      if (empty || r == null) {
        setText(null);
        setStyle("");
        return;
      }
      String line = r.name() + "  v" + r.version() + "  · " + r.status();
      if (r.hit() == null) {
        setText(line);
        setStyle("");
        return;
      }
      setText(
          String.format(
              Locale.ROOT,
              "%s\n%.2f  (meaning %.2f · words %.2f)%s",
              line,
              r.hit().score(),
              r.hit().semantic(),
              r.hit().keyword(),
              r.hit().matches() ? "  MATCH" : ""));
      setStyle(r.hit().matches() ? "-fx-font-weight: bold;" : "");
    }
  }

  private static final class VersionCell extends ListCell<Version> {
    @Override
    protected void updateItem(Version v, boolean empty) {
      super.updateItem(v, empty);
      setText(
          empty || v == null
              ? null
              : "v"
                  + v.version()
                  + "  "
                  + (v.originRunId() != null
                      ? "run " + v.originRunId()
                      : v.originNote() != null ? v.originNote() : "")
                  + "\n"
                  + CapabilitiesViewModel.when(v.createdAt()));
    }
  }
}
