package org.benchwright.engine.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ulimit;
import com.github.dockerjava.api.model.Volume;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Creates and removes the hardened container + workspace volume pairs. Everything a sandbox is
 * denied is decided here, in one place.
 */
final class Containers {

  /** A started container and its workspace volume. */
  record Box(String containerId, String volumeName, SandboxSpec spec) {}

  private final DockerAccess docker;

  Containers(DockerAccess docker) {
    this.docker = docker;
  }

  Box create(SandboxSpec spec, Map<String, String> labels) {
    DockerClient client = docker.control();
    String name = "bw-" + UUID.randomUUID().toString().substring(0, 12);
    SandboxLimits l = spec.limits();
    try {
      // A tmpfs-backed volume: its size is enforced (filling it gives ENOSPC, not a full host
      // disk), and unlike a --tmpfs mount the engine can copy files into it.
      client
          .createVolumeCmd()
          .withName(name)
          .withDriver("local")
          .withDriverOpts(
              Map.of(
                  "type",
                  "tmpfs",
                  "device",
                  "tmpfs",
                  "o",
                  "size=" + l.workspaceBytes() + ",uid=1000,gid=1000,mode=0755,nosuid,nodev"))
          .withLabels(labels)
          .exec();
    } catch (RuntimeException e) {
      throw docker.translate("creating a workspace volume", e, null);
    }
    String containerId = null;
    try {
      HostConfig host =
          HostConfig.newHostConfig()
              .withNetworkMode("none")
              .withReadonlyRootfs(true)
              .withTmpFs(Map.of("/tmp", "rw,noexec,nosuid,nodev,size=" + l.tmpBytes()))
              .withCapDrop(Capability.ALL)
              .withSecurityOpts(List.of("no-new-privileges"))
              .withPidsLimit(l.pids())
              .withMemory(l.memoryBytes())
              .withMemorySwap(l.memoryBytes())
              .withNanoCPUs((long) (l.cpus() * 1_000_000_000L))
              .withUlimits(
                  List.of(
                      new Ulimit("nofile", l.openFiles(), l.openFiles()),
                      new Ulimit("core", 0L, 0L)))
              // An init reaps orphans of exec'd commands, which would otherwise pile up as
              // zombies and count against the pids limit.
              .withInit(true)
              .withBinds(new Bind(name, new Volume("/workspace")));
      CreateContainerResponse created;
      try {
        created =
            client
                .createContainerCmd(spec.image())
                .withName(name)
                .withUser(Tars.SANDBOX_UID + ":" + Tars.SANDBOX_UID)
                .withWorkingDir("/workspace")
                .withEnv("HOME=/tmp", "TMPDIR=/tmp", "PYTHONDONTWRITEBYTECODE=1")
                .withCmd("sleep", "infinity")
                .withNetworkDisabled(true)
                .withLabels(labels)
                .withHostConfig(host)
                .exec();
      } catch (NotFoundException e) {
        throw DockerAccess.imageMissing(spec.image(), e);
      }
      containerId = created.getId();
      client.startContainerCmd(containerId).exec();
      return new Box(containerId, name, spec);
    } catch (SandboxException e) {
      remove(containerId, name);
      throw e;
    } catch (RuntimeException e) {
      String logs = containerId == null ? "" : lastLogs(containerId);
      remove(containerId, name);
      throw docker.translate("starting a sandbox" + logs, e, spec.image());
    }
  }

  private String lastLogs(String containerId) {
    try {
      var state = docker.control().inspectContainerCmd(containerId).exec().getState();
      return " (container state: " + state.getStatus() + ", " + state.getError() + ")";
    } catch (RuntimeException e) {
      return "";
    }
  }

  /** Kills and removes a container and its volume; tolerates either being gone already. */
  void remove(String containerId, String volumeName) {
    DockerClient client = docker.control();
    if (containerId != null) {
      try {
        client.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
      } catch (NotFoundException ignored) {
        // already gone
      } catch (RuntimeException e) {
        org.slf4j.LoggerFactory.getLogger(Containers.class)
            .warn("Could not remove sandbox container {}: {}", containerId, e.getMessage());
      }
    }
    if (volumeName != null) {
      try {
        client.removeVolumeCmd(volumeName).exec();
      } catch (NotFoundException ignored) {
        // already gone
      } catch (RuntimeException e) {
        org.slf4j.LoggerFactory.getLogger(Containers.class)
            .warn("Could not remove sandbox volume {}: {}", volumeName, e.getMessage());
      }
    }
  }

  void kill(String containerId) {
    try {
      docker.control().killContainerCmd(containerId).exec();
    } catch (RuntimeException ignored) {
      // it may have died already; remove() follows
    }
  }
}
