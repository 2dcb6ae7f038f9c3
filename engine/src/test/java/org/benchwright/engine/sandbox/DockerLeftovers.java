package org.benchwright.engine.sandbox;

import java.util.List;
import java.util.Map;

/** Lists what a sandbox owner left on the engine: tests assert it is nothing. */
final class DockerLeftovers {

  private DockerLeftovers() {}

  static List<String> of(String owner) {
    try (DockerAccess docker = new DockerAccess()) {
      List<String> left = new java.util.ArrayList<>();
      docker
          .control()
          .listContainersCmd()
          .withShowAll(true)
          .withLabelFilter(Map.of(Labels.OWNER, owner))
          .exec()
          .forEach(c -> left.add("container " + c.getNames()[0]));
      var volumes =
          docker
              .control()
              .listVolumesCmd()
              .withFilter("label", List.of(Labels.OWNER + "=" + owner))
              .exec();
      if (volumes.getVolumes() != null) {
        volumes.getVolumes().forEach(v -> left.add("volume " + v.getName()));
      }
      return left;
    }
  }
}
