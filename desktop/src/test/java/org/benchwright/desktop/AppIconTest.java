package org.benchwright.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.InputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class AppIconTest {

  @Test
  void everyWindowIconSizeIsThereAndIsThatSize() throws Exception {
    // The PNGs are drawn from icons/src/main/svg by the build; a size missing or mis-scaled there
    // would give a blurry or absent icon on some window manager.
    for (int size : AppIcon.SIZES) {
      try (InputStream in = AppIcon.resource(size)) {
        assertThat(in).as("benchwright-%d.png", size).isNotNull();
        BufferedImage img = ImageIO.read(in);
        assertThat(img.getWidth()).as("width of %d px icon", size).isEqualTo(size);
        assertThat(img.getHeight()).as("height of %d px icon", size).isEqualTo(size);
        // Drawn, not blank: the centre is opaque (the block), the corner transparent (rounded).
        assertThat(img.getRGB(size / 2, size * 2 / 3) >>> 24).isEqualTo(0xff);
        assertThat(img.getRGB(0, 0) >>> 24).isLessThan(0x40);
      }
    }
  }
}
