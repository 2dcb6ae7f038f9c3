package org.benchwright.desktop.project;

import java.nio.file.Path;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;

/** File ▸ Open Recent: one item per recent project, newest first, and a way to clear the list. */
public final class OpenRecentMenu {

  private final Menu menu = new Menu("Open Recent");
  private final ProjectHistoryViewModel viewModel;

  public OpenRecentMenu(ProjectHistoryViewModel viewModel) {
    this.viewModel = viewModel;
    menu.setId("open-recent-menu");
    viewModel.recent().addListener((ListChangeListener<Path>) change -> rebuild());
    rebuild();
  }

  public Menu menu() {
    return menu;
  }

  private void rebuild() {
    menu.getItems().clear();
    if (viewModel.recent().isEmpty()) {
      MenuItem none = new MenuItem("No recent projects");
      none.setDisable(true);
      menu.getItems().add(none);
      return;
    }
    for (Path file : viewModel.recent()) {
      // The name first (what people recognise), the folder after it to tell same-named apart.
      MenuItem item = new MenuItem(file.getFileName() + "  —  " + file.getParent(), null);
      item.setMnemonicParsing(false);
      item.setOnAction(e -> viewModel.openRecent(file));
      menu.getItems().add(item);
    }
    MenuItem clear = new MenuItem("Clear Recent");
    clear.setOnAction(e -> viewModel.clearRecent());
    menu.getItems().addAll(new SeparatorMenuItem(), clear);
  }
}
