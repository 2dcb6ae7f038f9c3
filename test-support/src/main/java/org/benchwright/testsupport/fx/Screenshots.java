package org.benchwright.testsupport.fx;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Snapshots for UI tests: taken on the FX thread, checked for content, saved under
 * docs/screenshots.
 */
public final class Screenshots {

  private Screenshots() {}

  /** Snapshots {@code scene}, checks that something rendered, and saves it as {@code name}. */
  public static Path save(Scene scene, String name) throws Exception {
    WaitForAsyncUtils.waitForFxEvents();
    BufferedImage image = of(scene);
    // A blank or single-colour frame means nothing rendered; text, trees and bars add colours.
    // A frame taken between two layout pulses of a busy machine may still lack a bar or a
    // header: take it again for a few seconds before calling the view blank.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (dominantColourShare(image) >= 0.95 && System.nanoTime() < deadline) {
      Thread.sleep(100);
      WaitForAsyncUtils.waitForFxEvents();
      image = of(scene);
    }
    assertThat(dominantColourShare(image)).isLessThan(0.95);
    return save(image, name);
  }

  public static BufferedImage of(Scene scene) throws Exception {
    WritableImage image =
        WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get(10, TimeUnit.SECONDS);
    return SwingFXUtils.fromFXImage(image, null);
  }

  public static BufferedImage of(Node node) throws Exception {
    WritableImage image =
        WaitForAsyncUtils.asyncFx(() -> node.snapshot(null, null)).get(10, TimeUnit.SECONDS);
    return SwingFXUtils.fromFXImage(image, null);
  }

  /** Writes {@code name} (e.g. "run-summary.png") to the screenshot folder; returns its path. */
  public static Path save(BufferedImage image, String name) throws IOException {
    Path dir = Path.of(System.getProperty("benchwright.screenshotDir", "../docs/screenshots"));
    Path png = Files.createDirectories(dir).resolve(name);
    if (!ImageIO.write(image, "png", png.toFile())) {
      throw new IOException("no PNG writer");
    }
    return png;
  }

  /** The share of pixels of the most common colour: near 1 means nothing was drawn. */
  public static double dominantColourShare(BufferedImage image) {
    Map<Integer, Integer> counts = new HashMap<>();
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        counts.merge(image.getRGB(x, y), 1, Integer::sum);
      }
    }
    int dominant = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    return (double) dominant / (image.getWidth() * image.getHeight());
  }

  /** How many pixels are close to {@code rgb} (each channel within {@code tolerance}). */
  public static long pixelsNear(BufferedImage image, int rgb, int tolerance) {
    long n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int p = image.getRGB(x, y);
        if (Math.abs(((p >> 16) & 0xff) - ((rgb >> 16) & 0xff)) <= tolerance
            && Math.abs(((p >> 8) & 0xff) - ((rgb >> 8) & 0xff)) <= tolerance
            && Math.abs((p & 0xff) - (rgb & 0xff)) <= tolerance) {
          n++;
        }
      }
    }
    return n;
  }
}
