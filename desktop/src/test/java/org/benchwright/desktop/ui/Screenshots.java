package org.benchwright.desktop.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.testfx.util.WaitForAsyncUtils;

/** Saves what a UI test shows under docs/screenshots, after checking that something rendered. */
public final class Screenshots {

  private Screenshots() {}

  public static Path save(Scene scene, String name) throws Exception {
    WaitForAsyncUtils.waitForFxEvents();
    WritableImage snapshot =
        WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get(10, TimeUnit.SECONDS);
    BufferedImage image = SwingFXUtils.fromFXImage(snapshot, null);
    // A blank or single-colour frame means nothing rendered; text, trees and bars add colours.
    assertThat(dominantColourShare(image)).isLessThan(0.95);
    Path dir = Path.of(System.getProperty("benchwright.screenshotDir", "../docs/screenshots"));
    Path png = Files.createDirectories(dir).resolve(name);
    assertThat(ImageIO.write(image, "png", png.toFile())).isTrue();
    return png;
  }

  static double dominantColourShare(BufferedImage image) {
    Map<Integer, Integer> counts = new HashMap<>();
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        counts.merge(image.getRGB(x, y), 1, Integer::sum);
      }
    }
    int dominant = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    return (double) dominant / (image.getWidth() * image.getHeight());
  }
}
