package org.benchwright.desktop.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.benchwright.engine.project.Project;
import org.benchwright.testsupport.fx.Screenshots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The error dialog with a real failure: a short message, the cause chain behind Show Details. */
@ExtendWith(ApplicationExtension.class)
class ErrorDialogIT {

  @TempDir Path dir;
  private Stage stage;
  private Button behind;
  private int clicks;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    behind = new Button("still responsive");
    behind.setOnAction(e -> clicks++);
    stage.setScene(new Scene(new StackPane(behind), 400, 200));
    stage.show();
  }

  @Test
  void aDamagedProjectIsExplainedShortlyWithItsCauseChainOnDemand(FxRobot robot) throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.bwproj"), "this is not a database, it is text");
    Throwable error = catchThrowable(() -> Project.open(bad).close());
    assertThat(error).isNotNull();

    WaitForAsyncUtils.asyncFx(
            () -> new FxDialogService(stage).showError("Cannot open the project", error))
        .get(10, TimeUnit.SECONDS);
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> robot.lookup("#error-dialog").tryQuery().isPresent());

    DialogPane pane = robot.lookup("#error-dialog").queryAs(DialogPane.class);
    assertThat(pane.getHeaderText()).isEqualTo("Cannot open the project");
    Label message = robot.lookup("#error-message").queryAs(Label.class);
    assertThat(message.getText()).isEqualTo(ErrorDetails.message(error)).contains("bad.bwproj");
    assertThat(pane.isExpanded()).isFalse();

    robot.clickOn("Show Details");
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, pane::isExpanded);
    TextArea details = robot.lookup("#error-details").queryAs(TextArea.class);
    assertThat(details.getText())
        .startsWith("Caused by, outermost first:")
        .contains(error.getClass().getName())
        .contains("Stack trace:");
    Screenshots.save(Screenshots.of(pane.getScene()), "error-dialog.png");

    robot.clickOn("Copy Details");
    assertThat(pane.getScene().getWindow().isShowing()).as("copying keeps it open").isTrue();
    String copied =
        WaitForAsyncUtils.asyncFx(
                () -> javafx.scene.input.Clipboard.getSystemClipboard().getString())
            .get(5, TimeUnit.SECONDS);
    assertThat(copied).startsWith("Cannot open the project").contains("Stack trace:");

    // Not modal to the work behind it: the owner window still handles events on the FX thread.
    WaitForAsyncUtils.asyncFx(behind::fire).get(5, TimeUnit.SECONDS);
    assertThat(clicks).isEqualTo(1);

    robot.clickOn("Close");
    WaitForAsyncUtils.waitFor(
        5, TimeUnit.SECONDS, () -> robot.lookup("#error-dialog").tryQuery().isEmpty());
  }
}
