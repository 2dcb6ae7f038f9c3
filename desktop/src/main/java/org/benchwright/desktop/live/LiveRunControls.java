package org.benchwright.desktop.live;

import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.binding.BooleanBinding;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToolBar;
import javafx.scene.input.KeyCombination;
import javafx.stage.Window;
import org.benchwright.desktop.project.DesktopSettings;

/**
 * The Run menu and the run toolbar: New Run…, pause, step, resume and cancel of the cursor's live
 * run. Both act on one {@link LiveRunsViewModel} and are enabled by its state.
 */
public final class LiveRunControls {

  private final Window owner;
  private final LiveRunsViewModel viewModel;
  private final Supplier<DesktopSettings.SavedModel> lastModel;
  private final Consumer<DesktopSettings.SavedModel> rememberModel;
  private final ToolBar toolBar;
  private final Menu menu;

  /**
   * @param lastModel the model chosen last time (may answer null)
   * @param rememberModel called with the model of each started run
   */
  public LiveRunControls(
      Window owner,
      LiveRunsViewModel viewModel,
      Supplier<DesktopSettings.SavedModel> lastModel,
      Consumer<DesktopSettings.SavedModel> rememberModel) {
    this.owner = owner;
    this.viewModel = viewModel;
    this.lastModel = lastModel;
    this.rememberModel = rememberModel;

    BooleanBinding noProject = viewModel.canStartProperty().not().or(viewModel.startingProperty());
    BooleanBinding notLive = viewModel.liveProperty().not();
    BooleanBinding cannotPause = notLive.or(viewModel.pausedProperty());
    BooleanBinding notPaused = notLive.or(viewModel.pausedProperty().not());

    Button newRun = button("run-new", "New Run…", "Start a run of a workflow on a task", noProject);
    Button pause = button("run-pause", "Pause", "Pause before the next event", cannotPause);
    Button step = button("run-step", "Step", "Let exactly one more event happen", notPaused);
    Button resume = button("run-resume", "Resume", "Run on without stopping", notPaused);
    Button cancel =
        button("run-cancel", "Cancel", "Stop the run; it is recorded as cancelled", notLive);
    newRun.setOnAction(e -> openNewRunDialog());
    pause.setOnAction(e -> viewModel.pause());
    step.setOnAction(e -> viewModel.step());
    resume.setOnAction(e -> viewModel.resume());
    cancel.setOnAction(e -> viewModel.cancel());
    Label status = new Label();
    status.setId("run-live-status");
    status.textProperty().bind(viewModel.statusTextProperty());
    toolBar =
        new ToolBar(newRun, new Separator(), pause, step, resume, cancel, new Separator(), status);
    toolBar.setId("run-toolbar");

    MenuItem newRunItem = item("New Run…", "Shortcut+R", noProject);
    MenuItem pauseItem = item("Pause", "F6", cannotPause);
    MenuItem stepItem = item("Step", "F7", notPaused);
    MenuItem resumeItem = item("Resume", "F8", notPaused);
    MenuItem cancelItem = item("Cancel Run", null, notLive);
    newRunItem.setOnAction(e -> openNewRunDialog());
    pauseItem.setOnAction(e -> viewModel.pause());
    stepItem.setOnAction(e -> viewModel.step());
    resumeItem.setOnAction(e -> viewModel.resume());
    cancelItem.setOnAction(e -> viewModel.cancel());
    menu =
        new Menu(
            "Run",
            null,
            newRunItem,
            new SeparatorMenuItem(),
            pauseItem,
            stepItem,
            resumeItem,
            cancelItem);
    menu.setId("run-menu");
  }

  public ToolBar toolBar() {
    return toolBar;
  }

  public Menu menu() {
    return menu;
  }

  /** Shows Run ▸ New Run… and starts what the user asked for. */
  public void openNewRunDialog() {
    NewRunViewModel form = viewModel.newRun(lastModel.get());
    new NewRunDialog(owner, form)
        .showAndWait()
        .ifPresent(
            request -> {
              rememberModel.accept(form.toSaved());
              viewModel.start(request);
            });
  }

  private static Button button(
      String id, String text, String tip, javafx.beans.value.ObservableBooleanValue disabled) {
    Button b = new Button(text);
    b.setId(id);
    b.setTooltip(new javafx.scene.control.Tooltip(tip));
    b.disableProperty().bind(disabled);
    return b;
  }

  private static MenuItem item(
      String text, String accelerator, javafx.beans.value.ObservableBooleanValue disabled) {
    MenuItem i = new MenuItem(text);
    if (accelerator != null) {
      i.setAccelerator(KeyCombination.keyCombination(accelerator));
    }
    i.disableProperty().bind(disabled);
    return i;
  }
}
