package org.benchwright.desktop.bench;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * The reference for the cold-start figure: a fresh JVM that shows an empty JavaFX stage of the
 * workbench's size and quits after its first frame, exactly as the workbench does under {@code
 * benchwright.exitWhenShown}.
 */
public final class BareStage extends Application {

  public static final String SHOWN_MARKER = "bare stage shown";

  @Override
  public void start(Stage stage) {
    stage.setScene(new Scene(new StackPane(new Label("bare")), 1280, 800));
    stage.show();
    Runnable[] once = new Runnable[1];
    once[0] =
        () -> {
          stage.getScene().removePostLayoutPulseListener(once[0]);
          System.out.println(SHOWN_MARKER);
          System.out.flush();
          Platform.exit();
        };
    stage.getScene().addPostLayoutPulseListener(once[0]);
  }

  /** Started by its own launcher class (an Application main class needs the module path). */
  public static final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
      Application.launch(BareStage.class, args);
    }
  }
}
