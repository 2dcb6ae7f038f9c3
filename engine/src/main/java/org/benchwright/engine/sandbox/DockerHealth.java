package org.benchwright.engine.sandbox;

import com.github.dockerjava.api.exception.NotFoundException;
import java.util.Optional;

/**
 * Whether sandboxes can start here, and what to do if not: for the desktop's status bar. Pings the
 * Docker engine (DOCKER_HOST honoured) and looks the sandbox image up; changes nothing.
 *
 * @param state what is wrong, if anything
 * @param summary a few words for the status bar
 * @param advice what to do, or what was found when all is well
 */
public record DockerHealth(State state, String summary, String advice) {

  public enum State {
    READY,
    ENGINE_UNREACHABLE,
    IMAGE_MISSING
  }

  public boolean ready() {
    return state == State.READY;
  }

  /** What to do before sandboxes can start here; empty when they can. */
  public Optional<String> problem() {
    return ready() ? Optional.empty() : Optional.of(advice);
  }

  /** Checks the engine and the default sandbox image. */
  public static DockerHealth check() {
    return check(SandboxSpec.DEFAULT_IMAGE);
  }

  public static DockerHealth check(String image) {
    try (DockerAccess docker = new DockerAccess()) {
      try {
        docker.ping();
      } catch (SandboxException e) {
        return new DockerHealth(State.ENGINE_UNREACHABLE, "Docker: not running", e.getMessage());
      }
      String version;
      try {
        docker.control().inspectImageCmd(image).exec();
        version = docker.control().versionCmd().exec().getVersion();
      } catch (NotFoundException e) {
        return new DockerHealth(
            State.IMAGE_MISSING,
            "Docker: image missing",
            DockerAccess.imageMissing(image, e).getMessage());
      } catch (RuntimeException e) {
        return new DockerHealth(
            State.ENGINE_UNREACHABLE,
            "Docker: not answering",
            docker.translate("looking up " + image, e, image).getMessage());
      }
      return new DockerHealth(
          State.READY,
          "Docker " + version,
          "Docker " + version + " answers at " + docker.host() + "; " + image + " is present.");
    }
  }
}
