package org.benchwright.desktop.ui;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The one error dialog: a header saying what failed, a short message saying why and what to do, and
 * behind "Show Details" the cause chain and stack trace, with a button to copy them for a bug
 * report. Not modal to the engine: work in the background carries on while it is open.
 */
public final class ErrorDialog {

  static final ButtonType COPY = new ButtonType("Copy Details", ButtonBar.ButtonData.LEFT);

  private final Alert alert = new Alert(Alert.AlertType.ERROR);

  public ErrorDialog(Window owner, String header, Throwable error) {
    if (owner != null) {
      alert.initOwner(owner);
    }
    alert.setTitle("Benchwright");
    alert.setHeaderText(header);
    alert.getDialogPane().setId("error-dialog");
    Label message = new Label(ErrorDetails.message(error));
    message.setId("error-message");
    message.setWrapText(true);
    message.setMaxWidth(520);
    alert.getDialogPane().setContent(new VBox(message));
    String detailText = ErrorDetails.detail(error);
    TextArea details = new TextArea(detailText);
    details.setId("error-details");
    details.setEditable(false);
    details.setWrapText(false);
    details.setPrefRowCount(16);
    details.setPrefColumnCount(80);
    VBox.setVgrow(details, Priority.ALWAYS);
    alert.getDialogPane().setExpandableContent(new VBox(details));
    alert.getButtonTypes().setAll(COPY, ButtonType.CLOSE);
    // Copy must not close the dialog: consume its action.
    alert
        .getDialogPane()
        .lookupButton(COPY)
        .addEventFilter(
            javafx.event.ActionEvent.ACTION,
            e -> {
              ClipboardContent content = new ClipboardContent();
              content.putString(header + "\n" + detailText);
              javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
              e.consume();
            });
  }

  /** Shows the dialog without blocking the caller (the window stays responsive). */
  public void show() {
    alert.show();
  }

  public void showAndWait() {
    alert.showAndWait();
  }
}
