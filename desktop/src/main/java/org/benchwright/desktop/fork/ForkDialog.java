package org.benchwright.desktop.fork;

import javafx.beans.property.BooleanProperty;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The "Fork from here…" window: each change behind a check box (the field is editable only while
 * ticked), who and why, and how the fork goes on. It stays open while the engine refuses the change
 * (the reason shown in red) and closes once the fork is made.
 */
public final class ForkDialog {

  private final Stage stage = new Stage();
  private final ForkViewModel viewModel;

  public ForkDialog(Window owner, ForkViewModel viewModel) {
    this.viewModel = viewModel;
    stage.initOwner(owner);
    stage.initModality(Modality.WINDOW_MODAL);
    stage.setTitle("Fork run " + viewModel.run().id());

    Label heading = new Label();
    heading.setId("fork-heading");
    heading.getStyleClass().add("fork-heading");
    heading.setStyle("-fx-font-weight: bold; -fx-font-size: 1.15em;");
    heading.textProperty().bind(viewModel.headingProperty());
    Label note = new Label();
    note.setId("fork-note");
    note.setWrapText(true);
    note.setStyle("-fx-text-fill: #a35200;");
    note.textProperty().bind(viewModel.pointNoteProperty());
    note.visibleProperty().bind(viewModel.pointNoteProperty().isNotEmpty());
    note.managedProperty().bind(note.visibleProperty());

    TextArea reply = area("fork-reply", 9, viewModel.replyProperty());
    reply.setStyle("-fx-font-family: monospace;");
    CheckBox changeReply =
        check(
            "fork-change-reply",
            "The next model reply (a script turn, JSON)",
            viewModel.changeReplyProperty(),
            reply);
    changeReply.disableProperty().bind(viewModel.replyAvailableProperty().not());

    TextArea toolResult = area("fork-tool-result", 4, viewModel.toolResultProperty());
    CheckBox changeTool =
        check(
            "fork-change-tool-result",
            "The tool result",
            viewModel.changeToolResultProperty(),
            toolResult);
    changeTool.disableProperty().bind(viewModel.toolResultAvailableProperty().not());
    Label pending = new Label();
    pending.setId("fork-pending-tool");
    pending
        .textProperty()
        .bind(
            javafx.beans.binding.Bindings.when(viewModel.toolResultAvailableProperty())
                .then(
                    javafx.beans.binding.Bindings.concat(
                        "answers ", viewModel.pendingToolProperty()))
                .otherwise("no tool call waits for its result here"));

    TextArea plan = area("fork-plan", 5, viewModel.planProperty());
    plan.setPromptText("The plan's text, then lines like - [todo] item");
    CheckBox changePlan =
        check("fork-change-plan", "The plan", viewModel.changePlanProperty(), plan);

    TextArea task = area("fork-task", 2, viewModel.taskProperty());
    CheckBox changeTask =
        check("fork-change-task", "The task", viewModel.changeTaskProperty(), task);

    TextField model = new TextField();
    model.setId("fork-model");
    model.setPromptText("provider:model");
    model.textProperty().bindBidirectional(viewModel.modelProperty());
    CheckBox changeModel =
        check(
            "fork-change-model",
            "The model (provider:model)",
            viewModel.changeModelProperty(),
            model);

    CheckBox reuse = new CheckBox("Reuse the parent's gate decisions");
    reuse.setId("fork-reuse-decisions");
    reuse.selectedProperty().bindBidirectional(viewModel.reuseDecisionsProperty());

    TextField why = new TextField();
    why.setId("fork-why");
    why.setPromptText("Why fork here? (recorded with the fork)");
    why.textProperty().bindBidirectional(viewModel.whyProperty());

    ToggleGroup modes = new ToggleGroup();
    HBox modeBox = new HBox(12);
    for (ForkContinuation.Mode m : ForkContinuation.Mode.values()) {
      RadioButton b = new RadioButton(m.label());
      b.setId("fork-mode-" + m.name().toLowerCase(java.util.Locale.ROOT));
      b.setToggleGroup(modes);
      b.setUserData(m);
      b.setSelected(viewModel.modeProperty().get() == m);
      modeBox.getChildren().add(b);
    }
    modes
        .selectedToggleProperty()
        .addListener(
            (o, was, now) -> {
              if (now != null) {
                viewModel.modeProperty().set((ForkContinuation.Mode) now.getUserData());
              }
            });

    Label error = new Label();
    error.setId("fork-error");
    error.setWrapText(true);
    error.setStyle("-fx-text-fill: #c62828;");
    error.textProperty().bind(viewModel.errorProperty());

    Button create = new Button("Create Fork");
    create.setId("fork-create");
    create.setDefaultButton(true);
    create.disableProperty().bind(viewModel.busyProperty().or(viewModel.loadedProperty().not()));
    create.setOnAction(e -> viewModel.create());
    Button cancel = new Button("Cancel");
    cancel.setId("fork-cancel");
    cancel.setCancelButton(true);
    cancel.setOnAction(e -> stage.close());
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    HBox buttons = new HBox(8, gap, cancel, create);

    VBox form =
        new VBox(
            6,
            heading,
            note,
            new Label("Change at the fork point:"),
            changeReply,
            reply,
            changeTool,
            pending,
            toolResult,
            changePlan,
            plan,
            changeTask,
            task,
            changeModel,
            model,
            reuse);
    form.setPadding(new Insets(12));
    ScrollPane scroll = new ScrollPane(form);
    scroll.setFitToWidth(true);
    VBox.setVgrow(scroll, Priority.ALWAYS);
    // Why and how to go on stay in sight below the changes, however long the reply is.
    VBox bottom = new VBox(6, new Label("Why"), why, new Label("Then"), modeBox, error, buttons);
    bottom.setPadding(new Insets(8, 12, 12, 12));
    VBox root = new VBox(scroll, bottom);
    root.setId("fork-dialog");
    stage.setScene(new Scene(root, 640, 720));

    // Made: the window's work is done (the main window selects the fork). A fork made but not
    // continued keeps the window open to show why.
    viewModel
        .createdProperty()
        .addListener(
            (o, was, now) -> {
              if (now != null && viewModel.errorProperty().get().isEmpty()) {
                stage.close();
              }
            });
  }

  private static TextArea area(String id, int rows, javafx.beans.property.StringProperty text) {
    TextArea a = new TextArea();
    a.setId(id);
    a.setPrefRowCount(rows);
    a.setWrapText(true);
    a.textProperty().bindBidirectional(text);
    return a;
  }

  /** A change's check box; its field is editable only while it is ticked. */
  private static CheckBox check(
      String id, String text, BooleanProperty changed, TextInputControl field) {
    CheckBox c = new CheckBox(text);
    c.setId(id);
    c.selectedProperty().bindBidirectional(changed);
    field.disableProperty().bind(c.selectedProperty().not());
    return c;
  }

  public Stage stage() {
    return stage;
  }

  /** Shows the window and reads what it is prefilled with. */
  public void show() {
    stage.show();
    viewModel.load();
  }
}
