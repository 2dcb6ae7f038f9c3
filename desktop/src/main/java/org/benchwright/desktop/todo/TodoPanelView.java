package org.benchwright.desktop.todo;

import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.benchwright.engine.project.TodoItem;

/**
 * The TODO panel: the plan and its items at the cursor's step and, while a gate is pending, the
 * controls to approve, reject with a comment, or edit then approve. Binds to a {@link
 * TodoPanelViewModel}.
 */
public final class TodoPanelView {

  private final TodoPanelViewModel viewModel;
  private final BorderPane root = new BorderPane();
  private final Label heading = new Label();
  private final Label plan = new Label();
  private final ListView<TodoItem> items = new ListView<>();
  private final Label gateTitle = new Label();
  private final TextArea comment = new TextArea();
  private final Button approve = new Button("Approve");
  private final Button reject = new Button("Reject");
  private final Button edit = new Button("Edit");
  private final VBox gateBox = new VBox(6);
  private final TextArea editedPlan = new TextArea();
  private final VBox editedRows = new VBox(4);
  private final Button addItem = new Button("Add item");
  private final Button approveEdited = new Button("Approve edited plan");
  private final Button cancelEdit = new Button("Cancel");
  private final VBox editBox = new VBox(6);
  private final Label problem = new Label();
  private final Label result = new Label();

  public TodoPanelView(TodoPanelViewModel viewModel) {
    this.viewModel = viewModel;
    layout();
    bind();
  }

  /** The panel, to put in a tab or a window. */
  public Node node() {
    return root;
  }

  private void layout() {
    root.setId("todo-panel");
    root.getStylesheets().add(TodoPanelView.class.getResource("todo-panel.css").toExternalForm());
    heading.setId("todo-heading");
    heading.getStyleClass().add("todo-heading");
    plan.setId("todo-plan");
    plan.setWrapText(true);
    plan.getStyleClass().add("todo-plan");
    items.setId("todo-items");
    items.setCellFactory(l -> new ItemCell());
    items.setPrefHeight(180);
    VBox.setVgrow(items, Priority.ALWAYS);

    gateTitle.getStyleClass().add("todo-gate-title");
    comment.setId("todo-comment");
    comment.setPromptText("Comment for the agent (required to reject)");
    comment.setPrefRowCount(2);
    comment.setWrapText(true);
    approve.setId("todo-approve");
    approve.setDefaultButton(false);
    reject.setId("todo-reject");
    edit.setId("todo-edit");
    gateBox.setId("todo-gate");
    gateBox.getStyleClass().add("todo-gate");
    gateBox.getChildren().addAll(gateTitle, comment, new HBox(6, approve, reject, edit));

    editedPlan.setId("todo-edit-plan");
    editedPlan.setPrefRowCount(3);
    editedPlan.setWrapText(true);
    addItem.setId("todo-add-item");
    approveEdited.setId("todo-approve-edited");
    cancelEdit.setId("todo-cancel-edit");
    editBox.setId("todo-edit-box");
    editBox.getStyleClass().add("todo-gate");
    editBox
        .getChildren()
        .addAll(
            new Label("Edit the plan, then approve it"),
            editedPlan,
            editedRows,
            new HBox(6, addItem, approveEdited, cancelEdit));

    problem.setId("todo-problem");
    problem.getStyleClass().add("todo-problem");
    problem.setWrapText(true);
    result.setId("todo-result");
    result.getStyleClass().add("todo-result");
    result.setWrapText(true);

    VBox content = new VBox(8, heading, plan, items, gateBox, editBox, problem, result);
    content.setPadding(new Insets(10));
    content.setFillWidth(true);
    ScrollPane scroll = new ScrollPane(content);
    scroll.setFitToWidth(true);
    root.setCenter(scroll);
  }

  private void bind() {
    heading.textProperty().bind(viewModel.headingProperty());
    plan.textProperty().bind(viewModel.planTextProperty());
    items.setItems(viewModel.items());
    gateTitle
        .textProperty()
        .bind(
            javafx.beans.binding.Bindings.createStringBinding(
                () -> {
                  var g = viewModel.gateProperty().get();
                  if (g == null) {
                    return "";
                  }
                  return g.kind().equals("plan")
                      ? "The plan waits for your approval (gate at step " + g.gateSeq() + ")"
                      : "A tool call waits for your approval: " + g.kind();
                },
                viewModel.gateProperty()));
    comment.textProperty().bindBidirectional(viewModel.rejectCommentProperty());
    showWhen(gateBox, viewModel.gatePendingProperty().and(viewModel.editingProperty().not()));
    showWhen(editBox, viewModel.editingProperty());
    edit.visibleProperty().bind(viewModel.planGateProperty());
    edit.managedProperty().bind(viewModel.planGateProperty());
    gateBox.disableProperty().bind(viewModel.busyProperty());
    editBox.disableProperty().bind(viewModel.busyProperty());
    editedPlan.textProperty().bindBidirectional(viewModel.editedPlanProperty());
    problem.textProperty().bind(viewModel.problemProperty());
    result.textProperty().bind(viewModel.resultProperty());

    approve.setOnAction(e -> viewModel.approve());
    reject.setOnAction(e -> viewModel.reject());
    edit.setOnAction(e -> viewModel.startEdit());
    addItem.setOnAction(e -> viewModel.addItem());
    approveEdited.setOnAction(e -> viewModel.approveEdited());
    cancelEdit.setOnAction(e -> viewModel.cancelEdit());
    viewModel.editedItems().addListener((ListChangeListener<EditableItem>) c -> showEditedRows());
    showEditedRows();
  }

  private static void showWhen(Node node, javafx.beans.value.ObservableBooleanValue condition) {
    node.visibleProperty().bind(condition);
    node.managedProperty().bind(condition);
  }

  /** One row per edited item: its text, status, and buttons to reorder or remove it. */
  private void showEditedRows() {
    editedRows.getChildren().clear();
    int n = 0;
    for (EditableItem item : viewModel.editedItems()) {
      n++;
      TextField text = new TextField();
      text.setId("todo-edit-item-" + n);
      text.setPromptText("What to do");
      text.textProperty().bindBidirectional(item.textProperty());
      HBox.setHgrow(text, Priority.ALWAYS);
      ChoiceBox<String> status = new ChoiceBox<>();
      status.getItems().addAll("todo", "doing", "done", "refused");
      status.valueProperty().bindBidirectional(item.statusProperty());
      Button up = new Button("↑");
      up.setOnAction(e -> viewModel.moveUp(item));
      Button down = new Button("↓");
      down.setOnAction(e -> viewModel.moveDown(item));
      Button remove = new Button("✕");
      remove.setId("todo-remove-item-" + n);
      remove.setOnAction(e -> viewModel.removeItem(item));
      HBox row = new HBox(4, text, status, up, down, remove);
      row.setAlignment(Pos.CENTER_LEFT);
      editedRows.getChildren().add(row);
    }
  }

  /** An item with its status as a badge; a refused item shows its proof. */
  private static final class ItemCell extends ListCell<TodoItem> {
    @Override
    protected void updateItem(TodoItem item, boolean empty) {
      super.updateItem(item, empty);
      if (empty || item == null) {
        setText(null);
        setGraphic(null);
        return;
      }
      Label badge = new Label(item.status());
      badge.getStyleClass().addAll("todo-status", "todo-status-" + item.status());
      Label text = new Label(item.text());
      text.setWrapText(true);
      VBox body = new VBox(2, text);
      if (item.proof() != null && !item.proof().isBlank()) {
        Label proof = new Label("Proof: " + item.proof());
        proof.getStyleClass().add("todo-proof");
        proof.setWrapText(true);
        body.getChildren().add(proof);
      }
      HBox row = new HBox(8, badge, body);
      row.setAlignment(Pos.TOP_LEFT);
      setText(null);
      setGraphic(row);
    }
  }
}
