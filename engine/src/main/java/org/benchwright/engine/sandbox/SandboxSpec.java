package org.benchwright.engine.sandbox;

import java.util.Objects;

/** Which image a session runs and under which limits. */
public record SandboxSpec(String image, SandboxLimits limits) {

  /** The CAD/simulation image that sandbox-images/build.sh builds and tags. */
  public static final String DEFAULT_IMAGE = "benchwright/cad-sim:latest";

  public SandboxSpec {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(limits, "limits");
  }

  public static SandboxSpec defaults() {
    return new SandboxSpec(DEFAULT_IMAGE, SandboxLimits.defaults());
  }

  public SandboxSpec withImage(String newImage) {
    return new SandboxSpec(newImage, limits);
  }

  public SandboxSpec withLimits(SandboxLimits newLimits) {
    return new SandboxSpec(image, newLimits);
  }
}
