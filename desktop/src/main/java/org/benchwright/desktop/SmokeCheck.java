package org.benchwright.desktop;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.Observable;
import javafx.stage.Stage;
import org.benchwright.desktop.main.MainWindowViewModel;
import org.benchwright.desktop.ui.DialogService;

/**
 * The installed app's self-test ({@code Benchwright --smoke}): the main window is drawn, the demo
 * project opens, its runs are listed and one is selected, then the app exits 0. Anything that would
 * have shown an error dialog, or a deadline passing, prints the reason and exits 1 instead. The
 * installers' CI test and the AOT training run of the package build both run this.
 */
final class SmokeCheck {

  /** Printed when the check passed, before the exit. */
  static final String PASSED_MARKER = "benchwright: smoke passed";

  private static final Duration DEADLINE = Duration.ofSeconds(90);

  private SmokeCheck() {}

  /** Dialogs for the smoke run: an error fails the check rather than waiting for a click. */
  static DialogService failOnError(DialogService dialogs) {
    return new DialogService() {
      @Override
      public Optional<Path> chooseNewProjectFile() {
        return Optional.empty();
      }

      @Override
      public Optional<Path> chooseProjectToOpen() {
        return Optional.empty();
      }

      @Override
      public Optional<Path> chooseExportFile() {
        return Optional.empty();
      }

      @Override
      public Optional<Path> chooseDatasetFile() {
        return Optional.empty();
      }

      @Override
      public boolean confirm(String header, String detail) {
        return false; // nobody is there to agree: the smoke run changes nothing
      }

      @Override
      public void showError(String header, Throwable error) {
        fail(header + ": " + error.getMessage());
      }
    };
  }

  /** Watches the window until the demo is open with a run selected; then exits the app. */
  static void watch(Stage stage, MainWindowViewModel main) {
    BenchwrightApp.printWhenDrawn(stage);
    PauseTransition deadline =
        new PauseTransition(javafx.util.Duration.millis(DEADLINE.toMillis()));
    deadline.setOnFinished(
        e ->
            fail(
                "the demo project did not open with a run selected within "
                    + DEADLINE.toSeconds()
                    + " s (project: "
                    + main.projectPathProperty().get()
                    + ", runs listed: "
                    + main.runs().rows().size()
                    + ", selected: "
                    + main.runCursor().run()
                    + ")"));
    deadline.play();
    Runnable check =
        () -> {
          // The panels are in the window too (they go in one pulse after the first frame).
          if (main.projectPathProperty().get() != null
              && !main.runs().rows().isEmpty()
              && main.runCursor().run() != null
              && stage.getScene().lookup("#inspector-tabs") != null) {
            deadline.stop();
            // One more pulse so the selected run's panels are laid out before the exit.
            Platform.runLater(
                () -> {
                  if (stage.getScene().lookup("#inspector-tabs") == null) {
                    fail("the main window's panels were never put into it");
                  }
                  System.out.println(
                      PASSED_MARKER
                          + ": "
                          + main.projectPathProperty().get().getFileName()
                          + " open, "
                          + main.runs().rows().size()
                          + " runs listed, run "
                          + main.runCursor().run().id()
                          + " selected");
                  System.out.flush();
                  Platform.exit();
                });
          }
        };
    main.runs().rows().addListener((Observable o) -> check.run());
    main.runCursor().runProperty().addListener((Observable o) -> check.run());
    main.projectPathProperty().addListener((Observable o) -> check.run());
  }

  private static void fail(String why) {
    System.err.println("benchwright: smoke failed: " + why);
    System.err.flush();
    // The app's own shutdown would wait on the open project; the check has already failed.
    Runtime.getRuntime().halt(1);
  }
}
