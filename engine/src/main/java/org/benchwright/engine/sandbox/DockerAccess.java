package org.benchwright.engine.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.io.IOException;
import java.time.Duration;

/**
 * The two Docker clients of one sandbox service. docker-java's response timeout is an idle timeout,
 * so control calls (create, inspect, remove) use a client that gives up on a silent engine, while
 * streaming exec output uses one without it and relies on the exec's own deadline. DOCKER_HOST (and
 * the other DOCKER_* variables) are honoured.
 */
final class DockerAccess implements AutoCloseable {

  private final DockerClientConfig config;
  private final DockerClient control;
  private final DockerClient streaming;

  DockerAccess() {
    this.config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
    this.control = client(Duration.ofSeconds(60));
    this.streaming = client(null);
  }

  private DockerClient client(Duration responseTimeout) {
    ApacheDockerHttpClient.Builder http =
        new ApacheDockerHttpClient.Builder()
            .dockerHost(config.getDockerHost())
            .sslConfig(config.getSSLConfig())
            .maxConnections(64)
            .connectionTimeout(Duration.ofSeconds(5));
    if (responseTimeout != null) {
      http.responseTimeout(responseTimeout);
    }
    return DockerClientImpl.getInstance(config, http.build());
  }

  DockerClient control() {
    return control;
  }

  DockerClient streaming() {
    return streaming;
  }

  String host() {
    return config.getDockerHost().toString();
  }

  /** Fails with what to start when no engine answers. */
  void ping() {
    try {
      control.pingCmd().exec();
    } catch (RuntimeException e) {
      throw unreachable(e);
    }
  }

  private boolean answersPing() {
    try {
      control.pingCmd().exec();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  SandboxException unreachable(Throwable cause) {
    return new SandboxException(
        SandboxException.Kind.ENGINE_UNREACHABLE,
        "No Docker engine answers at "
            + host()
            + ". Start it (for example `sudo systemctl start docker`, or `sudo dockerd &` where"
            + " there is no systemd), or point DOCKER_HOST at a running engine.",
        cause);
  }

  /** Maps a library failure to what the user should do. */
  SandboxException translate(String doing, RuntimeException e, String image) {
    String msg = String.valueOf(e.getMessage());
    if (msg.toLowerCase(java.util.Locale.ROOT).contains("no space left on device")) {
      return new SandboxException(
          SandboxException.Kind.DISK_FULL,
          "No space left while "
              + doing
              + ": the sandbox's workspace or the Docker engine's disk is full. Remove files"
              + " from the workspace, raise the workspace limit, or free disk space (for example"
              + " `docker system prune`).",
          e);
    }
    if (e instanceof NotFoundException && image != null && msg.contains("image")) {
      return imageMissing(image, e);
    }
    if (!(e instanceof DockerException) && isConnectionFailure(e)) {
      // A broken or slow stream is not a missing engine: say "not reachable" only when a ping
      // fails too, else name what broke.
      if (!answersPing()) {
        return unreachable(e);
      }
      return new SandboxException(
          SandboxException.Kind.CONTAINER_FAILED,
          "The Docker engine at "
              + host()
              + " is running, but the connection broke while "
              + doing
              + ": "
              + msg,
          e);
    }
    return new SandboxException(
        SandboxException.Kind.CONTAINER_FAILED, "Docker failed while " + doing + ": " + msg, e);
  }

  static SandboxException imageMissing(String image, Throwable cause) {
    return new SandboxException(
        SandboxException.Kind.IMAGE_MISSING,
        "The sandbox image "
            + image
            + " is not on this Docker engine. Build it with `sandbox-images/build.sh`.",
        cause);
  }

  private static boolean isConnectionFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() {
    try {
      control.close();
      streaming.close();
    } catch (IOException ignored) {
      // closing connections; nothing left to do
    }
  }
}
