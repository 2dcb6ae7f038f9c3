package org.benchwright.engine.mjcf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PoseTrackTest {

  /** The shape mjcf-check prints with --poses-every 100 (sandbox-images/README.md). */
  static final String REPORT =
      """
      {"file":"scene.xml","ok":true,"verdict":"ok",
       "poses":{"every":100,"truncated":false,"bodies":["payload","body#2"],
        "frames":[
          {"t":0,"pos":[[0,0,0.3],[1,0,0]],"quat":[[1,0,0,0],[1,0,0,0]]},
          {"t":0.2,"pos":[[0,0,0.1],[1,0,0]],"quat":[[0,0,0,2],[1,0,0,0]]},
          {"t":0.4,"pos":[[0,0,0.02],[null,0,0]],"quat":[[0,0,0,1],[1,0,0,0]]}]}}
      """;

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void readsTheBodiesAndFramesOfAnMjcfCheckReport() {
    PoseTrack track = PoseTrack.parse(bytes(REPORT));

    assertThat(track.every()).isEqualTo(100);
    assertThat(track.bodies()).containsExactly("payload", "body#2");
    assertThat(track.frames()).hasSize(3);
    Pose p = track.frames().get(1).poses().get(0);
    assertThat(p.z()).isEqualTo(0.1);
    // Quaternions are normalised.
    assertThat(p.qz()).isCloseTo(1, within(1e-12));
    assertThat(track.frames().get(2).poses().get(1)).as("NaN position").isNull();
    assertThat(track.duration()).isEqualTo(0.4);
    assertThat(PoseTrack.mayHold(bytes(REPORT))).isTrue();
  }

  @Test
  void findsTheFrameShownAtATime() {
    PoseTrack track = PoseTrack.parse(bytes(REPORT));
    assertThat(track.frameAt(-1)).isZero();
    assertThat(track.frameAt(0.19)).isZero();
    assertThat(track.frameAt(0.2)).isEqualTo(1);
    assertThat(track.frameAt(9)).isEqualTo(2);
  }

  @Test
  void aReportWithoutPosesOrWithBrokenFramesIsRefusedClearly() {
    assertThatThrownBy(() -> PoseTrack.parse(bytes("{\"verdict\":\"ok\"}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("poses: no body poses in this report (run mjcf-check with --poses-every K)");
    assertThatThrownBy(() -> PoseTrack.parse(bytes("{\"poses\": [")))
        .hasMessageStartingWith("poses: not valid JSON (line 1)");
    assertThatThrownBy(
            () ->
                PoseTrack.parse(
                    bytes("{\"bodies\":[\"a\"],\"frames\":[{\"t\":0,\"pos\":[],\"quat\":[]}]}")))
        .hasMessage("poses: frames[0]: has 0 positions for 1 bodies");
  }
}
