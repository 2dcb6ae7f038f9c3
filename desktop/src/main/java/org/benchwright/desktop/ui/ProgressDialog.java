package org.benchwright.desktop.ui;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** Shows a {@link LongWork}: its message, a progress bar, and Cancel; closes when it ends. */
public final class ProgressDialog {

  private final Dialog<ButtonType> dialog = new Dialog<>();

  public ProgressDialog(Window owner, LongWork work) {
    if (owner != null) {
      dialog.initOwner(owner);
    }
    dialog.setTitle(work.title());
    dialog.setHeaderText(work.title());
    dialog.getDialogPane().setId("progress-dialog");
    Label message = new Label();
    message.setId("progress-message");
    message.setWrapText(true);
    message.setMaxWidth(480);
    message.textProperty().bind(work.messageProperty());
    ProgressBar bar = new ProgressBar();
    bar.setId("progress-bar");
    bar.setPrefWidth(480);
    bar.progressProperty().bind(work.progressProperty());
    Label meaning = new Label(work.cancelMeaning());
    meaning.setWrapText(true);
    meaning.setMaxWidth(480);
    meaning.getStyleClass().add("cancel-meaning");
    VBox box = new VBox(10, message, bar, meaning);
    box.setPadding(new Insets(8));
    dialog.getDialogPane().setContent(box);
    dialog.getDialogPane().getButtonTypes().add(ButtonType.CANCEL);
    Button cancel = (Button) dialog.getDialogPane().lookupButton(ButtonType.CANCEL);
    cancel.setId("progress-cancel");
    // Cancel, Esc and the title bar all cancel the work; the dialog closes once the work says it
    // has ended (below), so it never disappears while something still runs unannounced.
    cancel.addEventFilter(
        javafx.event.ActionEvent.ACTION,
        e -> {
          e.consume();
          work.cancel();
        });
    dialog.setOnCloseRequest(
        e -> {
          if (work.runningProperty().get()) {
            e.consume();
            work.cancel();
          }
        });
    work.runningProperty()
        .addListener(
            (obs, was, now) -> {
              if (!now && dialog.isShowing()) {
                dialog.setResult(ButtonType.CLOSE);
                dialog.close();
              }
            });
  }

  /** Shows it without blocking; it closes by itself when the work ends. */
  public void show() {
    dialog.show();
  }
}
