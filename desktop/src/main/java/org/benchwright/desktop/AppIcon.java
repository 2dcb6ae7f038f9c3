package org.benchwright.desktop;

import java.io.InputStream;
import java.util.List;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/**
 * The application icon on a window: the PNG sizes the icons module draws from its SVG. The window
 * manager picks the size it needs (16 for a title bar, 48+ for a task switcher).
 */
final class AppIcon {

  static final List<Integer> SIZES = List.of(16, 24, 32, 48, 64, 128, 256);

  private AppIcon() {}

  static void install(Stage stage) {
    for (int size : SIZES) {
      try (InputStream in = resource(size)) {
        if (in != null) {
          stage.getIcons().add(new Image(in));
        }
      } catch (java.io.IOException e) {
        // An icon is decoration: a window without one is still the workbench.
      }
    }
  }

  static InputStream resource(int size) {
    return AppIcon.class.getResourceAsStream("/org/benchwright/icons/benchwright-" + size + ".png");
  }
}
