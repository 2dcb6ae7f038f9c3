package org.benchwright.engine.cad;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class MeshRendererTest {

  @Test
  void cubeFillsTheCentreAndLeavesTheCornersEmpty() throws Exception {
    byte[] png = MeshRenderer.renderPng(Shapes.box(100, 100, 0, 120, 130, 10).mesh(), 200, 160);
    assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image.getWidth()).isEqualTo(200);
    assertThat(image.getHeight()).isEqualTo(160);
    assertThat(image.getRGB(100, 80)).isNotEqualTo(MeshRenderer.BACKGROUND);
    for (int[] corner : new int[][] {{0, 0}, {199, 0}, {0, 159}, {199, 159}}) {
      assertThat(image.getRGB(corner[0], corner[1])).isEqualTo(MeshRenderer.BACKGROUND);
    }
  }

  @Test
  void visibleFacesAreShadedDifferentlySoTheShapeReads() {
    BufferedImage image = MeshRenderer.render(Shapes.cube(10).mesh(), 300, 300);
    java.util.Set<Integer> colours = new java.util.HashSet<>();
    for (int y = 0; y < 300; y += 3) {
      for (int x = 0; x < 300; x += 3) {
        colours.add(image.getRGB(x, y));
      }
    }
    // Background plus the three faces an isometric view shows.
    assertThat(colours).hasSize(4);
  }

  @Test
  void fitsTheWholePartInsideTheImage() {
    BufferedImage image = MeshRenderer.render(Shapes.box(0, 0, 0, 100, 5, 5).mesh(), 120, 120);
    for (int i = 0; i < 120; i++) {
      assertThat(image.getRGB(i, 0)).isEqualTo(MeshRenderer.BACKGROUND);
      assertThat(image.getRGB(0, i)).isEqualTo(MeshRenderer.BACKGROUND);
      assertThat(image.getRGB(i, 119)).isEqualTo(MeshRenderer.BACKGROUND);
      assertThat(image.getRGB(119, i)).isEqualTo(MeshRenderer.BACKGROUND);
    }
  }
}
