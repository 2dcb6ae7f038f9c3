package org.benchwright.desktop.todo;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.benchwright.engine.project.TodoItem;

/** A TODO item while the human edits the plan at its gate. */
public final class EditableItem {

  private final StringProperty text = new SimpleStringProperty("");
  private final StringProperty status = new SimpleStringProperty("todo");
  private final String proof;

  EditableItem(String text, String status, String proof) {
    this.text.set(text);
    this.status.set(status);
    this.proof = proof;
  }

  static EditableItem of(TodoItem item) {
    return new EditableItem(item.text(), item.status(), item.proof());
  }

  public StringProperty textProperty() {
    return text;
  }

  public StringProperty statusProperty() {
    return status;
  }

  /** The proof a refused item carried; kept as it was. */
  String proof() {
    return proof;
  }
}
