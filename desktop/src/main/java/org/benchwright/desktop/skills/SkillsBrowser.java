package org.benchwright.desktop.skills;

import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.web.WebView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.benchwright.engine.project.Skills.SkillVersion;
import org.benchwright.engine.skills.SkillHit;

/**
 * View ▸ Skills: search, results with scores, the selected skill rendered, its versions with a
 * diff, and an editor whose save is a new version. Binds to {@link SkillsViewModel} only.
 */
public final class SkillsBrowser {

  private final Stage stage = new Stage();

  public SkillsBrowser(Window owner, SkillsViewModel vm) {
    stage.initOwner(owner);
    stage.setTitle("Skills");

    TextField search = new TextField();
    search.setId("skill-search");
    search.setPromptText("Describe a problem, e.g. ball sinks into the ramp");
    search.textProperty().bindBidirectional(vm.queryProperty());

    ListView<SkillHit> results = new ListView<>(vm.results());
    results.setId("skill-results");
    results.setCellFactory(l -> new HitCell());
    results.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> vm.select(now));

    WebView page = new WebView();
    page.setId("skill-page");
    // Skills are written by models: the page is static HTML, no scripts.
    page.getEngine().setJavaScriptEnabled(false);
    vm.htmlProperty().addListener((o, was, now) -> page.getEngine().loadContent(now));

    ListView<SkillVersion> versions = new ListView<>(vm.history());
    versions.setId("skill-history");
    versions.setPrefWidth(220);
    versions.setCellFactory(l -> new VersionCell());
    versions
        .getSelectionModel()
        .selectedItemProperty()
        .addListener((o, was, now) -> vm.showVersion(now));
    TextArea diff = new TextArea();
    diff.setId("skill-diff");
    diff.setEditable(false);
    diff.setStyle("-fx-font-family: monospace;");
    diff.textProperty().bind(vm.diffProperty());
    SplitPane historyPane = new SplitPane(versions, diff);
    historyPane.setDividerPositions(0.3);

    TextField title = new TextField();
    title.setId("edit-title");
    title.textProperty().bindBidirectional(vm.editTitleProperty());
    TextArea markdown = new TextArea();
    markdown.setId("edit-markdown");
    markdown.setStyle("-fx-font-family: monospace;");
    markdown.textProperty().bindBidirectional(vm.editMarkdownProperty());
    VBox.setVgrow(markdown, Priority.ALWAYS);
    Button save = new Button("Save as New Version");
    save.setId("edit-save");
    save.disableProperty().bind(vm.savingProperty().or(vm.shownProperty().isNull()));
    save.setOnAction(e -> vm.saveEdit());
    VBox editor = new VBox(6, new Label("Title"), title, new Label("Markdown"), markdown, save);
    editor.setPadding(new Insets(8));

    TabPane tabs =
        new TabPane(
            new Tab("Skill", page), new Tab("History", historyPane), new Tab("Edit", editor));
    tabs.setId("skill-tabs");
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);

    Hyperlink origin = new Hyperlink();
    origin.setId("origin-run");
    origin.visibleProperty().bind(vm.originRunProperty().isNotNull());
    origin
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    vm.originRunProperty().get() == null
                        ? ""
                        : "Taught by run " + vm.originRunProperty().get(),
                vm.originRunProperty()));
    origin.setOnAction(e -> vm.openOrigin());
    Label status = new Label();
    status.setId("skills-status");
    status.textProperty().bind(vm.statusProperty());
    HBox footer = new HBox(12, status, origin);
    footer.setPadding(new Insets(4, 8, 4, 8));

    SplitPane centre = new SplitPane(results, tabs);
    centre.setDividerPositions(0.32);
    BorderPane root = new BorderPane(centre);
    BorderPane.setMargin(search, new Insets(8));
    root.setTop(search);
    root.setBottom(footer);
    stage.setScene(new Scene(root, 1100, 700));
  }

  public void show() {
    stage.show();
  }

  /** The window, for tests and screenshots. */
  public Stage stage() {
    return stage;
  }

  private static final class HitCell extends ListCell<SkillHit> {
    @Override
    protected void updateItem(SkillHit h, boolean empty) {
      super.updateItem(h, empty);
      if (empty || h == null) {
        setText(null);
        return;
      }
      setText(
          h.score() == 0 && h.semantic() == 0
              ? h.skill().title()
              : String.format(
                  Locale.ROOT,
                  "%s\n%.2f  (meaning %.2f · words %.2f)",
                  h.skill().title(),
                  h.score(),
                  h.semantic(),
                  h.keyword()));
    }
  }

  private static final class VersionCell extends ListCell<SkillVersion> {
    @Override
    protected void updateItem(SkillVersion v, boolean empty) {
      super.updateItem(v, empty);
      setText(
          empty || v == null
              ? null
              : "v"
                  + v.version()
                  + "  "
                  + (v.originRunId() == null ? "by hand" : "run " + v.originRunId()));
    }
  }
}
