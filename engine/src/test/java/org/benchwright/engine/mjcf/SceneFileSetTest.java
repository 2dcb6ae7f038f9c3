package org.benchwright.engine.mjcf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SceneFileSetTest {

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void followsIncludesAttachedModelsAndAssetFoldersButNotUnrelatedFiles() {
    SceneFiles files =
        SceneFiles.of(
            Map.of(
                "scene.xml",
                bytes(
                    "<mujoco><include file='parts/arm.xml'/><asset>"
                        + "<model name='h' file='robot/robot.xml'/>"
                        + "<texture name='t' file='sky.png'/></asset><worldbody/></mujoco>"),
                "parts/arm.xml",
                bytes("<mujoco><asset><mesh file='arm.stl'/></asset></mujoco>"),
                "parts/arm.stl",
                bytes("x"),
                "sky.png",
                bytes("png"),
                "robot/robot.xml",
                bytes(
                    "<mujoco><compiler assetdir='assets'/><asset><mesh file='link.obj'/>"
                        + "</asset></mujoco>"),
                "robot/assets/link.obj",
                bytes("o"),
                "unrelated.bin",
                bytes("big")));
    SceneFileSet set = SceneFileSet.collect("scene.xml", files, 1_000_000, 100);
    assertThat(set.files())
        .containsOnlyKeys(
            "scene.xml",
            "parts/arm.xml",
            "parts/arm.stl",
            "sky.png",
            "robot/robot.xml",
            "robot/assets/link.obj");
  }

  @Test
  void malformedXmlIsCopiedForMujocoToReport() {
    SceneFileSet set =
        SceneFileSet.collect(
            "scene.xml", SceneFiles.of(Map.of("scene.xml", bytes("<mujoco><worldbody>"))), 100, 10);
    assertThat(set.files()).containsOnlyKeys("scene.xml");
  }

  @Test
  void tooManyBytesAreRefusedWithTheFigures() {
    SceneFiles files =
        SceneFiles.of(
            Map.of(
                "scene.xml",
                bytes("<mujoco><asset><mesh file='m.stl'/></asset></mujoco>"),
                "m.stl",
                new byte[3_000_000]));
    assertThatThrownBy(() -> SceneFileSet.collect("scene.xml", files, 2_000_000, 10))
        .isInstanceOf(SceneFileSet.TooLargeException.class)
        .hasMessageContaining("exceed 2 MB");
  }
}
