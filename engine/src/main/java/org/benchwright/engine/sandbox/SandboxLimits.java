package org.benchwright.engine.sandbox;

/**
 * What one sandbox container may use. Defaults suit CAD and short simulations on a workstation;
 * projects override them in settings, workflows per node.
 *
 * @param memoryBytes RAM; swap is set equal, so there is no swap on top
 * @param cpus CPU quota in cores
 * @param pids most processes and threads at once (contains fork bombs)
 * @param tmpBytes size of the tmpfs at /tmp (noexec, nosuid)
 * @param workspaceBytes size of the per-session /workspace volume
 * @param openFiles most open file descriptors per process
 * @param outputCapBytes most bytes kept from each of stdout and stderr of one command; more stops
 *     the command
 */
public record SandboxLimits(
    long memoryBytes,
    double cpus,
    long pids,
    long tmpBytes,
    long workspaceBytes,
    long openFiles,
    int outputCapBytes) {

  private static final long MIB = 1024L * 1024;

  public SandboxLimits {
    if (memoryBytes < 16 * MIB) {
      throw new IllegalArgumentException("sandbox memory must be at least 16 MiB");
    }
    if (cpus <= 0 || pids < 8 || tmpBytes <= 0 || workspaceBytes <= 0 || openFiles < 16) {
      throw new IllegalArgumentException("sandbox limits must be positive: " + this);
    }
    if (outputCapBytes < 1024) {
      throw new IllegalArgumentException("output cap must be at least 1 KiB");
    }
  }

  public static SandboxLimits defaults() {
    return new SandboxLimits(1024 * MIB, 1.0, 256, 256 * MIB, 1024 * MIB, 1024, (int) MIB);
  }

  public SandboxLimits withMemoryBytes(long bytes) {
    return new SandboxLimits(
        bytes, cpus, pids, tmpBytes, workspaceBytes, openFiles, outputCapBytes);
  }

  public SandboxLimits withPids(long n) {
    return new SandboxLimits(
        memoryBytes, cpus, n, tmpBytes, workspaceBytes, openFiles, outputCapBytes);
  }

  public SandboxLimits withTmpBytes(long bytes) {
    return new SandboxLimits(
        memoryBytes, cpus, pids, bytes, workspaceBytes, openFiles, outputCapBytes);
  }

  public SandboxLimits withWorkspaceBytes(long bytes) {
    return new SandboxLimits(memoryBytes, cpus, pids, tmpBytes, bytes, openFiles, outputCapBytes);
  }

  public SandboxLimits withOutputCapBytes(int bytes) {
    return new SandboxLimits(memoryBytes, cpus, pids, tmpBytes, workspaceBytes, openFiles, bytes);
  }
}
