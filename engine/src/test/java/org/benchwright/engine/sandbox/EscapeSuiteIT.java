package org.benchwright.engine.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.benchwright.testsupport.DockerRequired;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Attacks a model's code might make. Each must be contained, end with the right termination reason,
 * and leave the host and a neighbouring session unaffected. A neighbour session runs a heartbeat
 * command during every attack; after the suite no container or volume is left.
 */
@ExtendWith(DockerRequired.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EscapeSuiteIT {

  private static final long MIB = 1024L * 1024;
  private final String owner = "escape-" + UUID.randomUUID();
  private Sandboxes sandboxes;
  private SandboxSession attacker;
  private SandboxSession neighbour;
  private CompletableFuture<ExecResult> heartbeat;

  @BeforeAll
  void start() {
    SandboxLimits limits =
        SandboxLimits.defaults()
            .withMemoryBytes(512 * MIB)
            .withPids(128)
            .withTmpBytes(64 * MIB)
            .withWorkspaceBytes(128 * MIB);
    sandboxes =
        Sandboxes.start(
            Sandboxes.Settings.forOwner(owner)
                .withDefaults(SandboxSpec.defaults().withLimits(limits))
                .withMaxConcurrent(4)
                .withWarmPool(0));
    attacker = sandboxes.open("attacker");
    neighbour = sandboxes.open("neighbour");
  }

  /** The neighbour counts to 3 over 3 seconds while the attack runs. */
  @BeforeEach
  void startHeartbeat() {
    heartbeat =
        CompletableFuture.supplyAsync(
            () ->
                neighbour.run(
                    "for i in 1 2 3; do echo beat $i; sleep 1; done", Duration.ofSeconds(60)));
  }

  @AfterEach
  void neighbourWasUnaffected() {
    ExecResult beat = heartbeat.join();
    assertThat(beat.succeeded()).as("neighbour: %s", beat).isTrue();
    assertThat(beat.stdoutText()).contains("beat 1", "beat 2", "beat 3");
    assertThat(attacker.run("echo alive", Duration.ofSeconds(30)).stdoutText().trim())
        .as("the attacker's session is usable again")
        .isEqualTo("alive");
  }

  @AfterAll
  void stop() {
    sandboxes.close();
    assertThat(DockerLeftovers.of(owner)).isEmpty();
  }

  /** Every process forks for ever; the pids limit holds the count, the deadline ends it. */
  private static final String FORK_BOMB =
      "python3 -c 'import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass'";

  @Test
  void forkBombIsHeldByThePidsLimitAndStoppedByTheTimeout() {
    ExecResult r = attacker.run(FORK_BOMB, Duration.ofSeconds(5));
    assertThat(r.termination()).isEqualTo(Termination.TIMEOUT);
    assertThat(r.sessionRestarted()).isTrue();
  }

  @Test
  void aForkBombLeftRunningInTheBackgroundIsStoppedWithItsCommand() {
    ExecResult r =
        attacker.run("(" + FORK_BOMB + " &) ; sleep 1; echo started", Duration.ofSeconds(30));
    assertThat(r.termination()).isEqualTo(Termination.EXIT);
    assertThat(r.sessionRestarted()).isTrue();
    assertThat(r.detail()).contains("in the background");
  }

  @Test
  void allocatingFourGigabytesUnderA512MegabyteLimitIsKilledAsOutOfMemory() {
    ExecResult r =
        attacker.run(
            "python3 -c 'b = bytearray(4 * 1024**3); print(len(b))'", Duration.ofSeconds(60));
    assertThat(r.termination()).as("%s", r).isEqualTo(Termination.OUT_OF_MEMORY);
    assertThat(r.exitCode()).isEqualTo(137);
    assertThat(r.detail()).contains("512 MiB");
  }

  @Test
  void fillingTmpStopsAtItsSize() {
    ExecResult r =
        attacker.run(
            "dd if=/dev/zero of=/tmp/fill bs=1M count=1000; df -m /tmp | tail -1; rm -f /tmp/fill",
            Duration.ofSeconds(60));
    assertThat(r.termination()).isEqualTo(Termination.EXIT);
    assertThat(r.stderrText()).contains("No space left on device");
  }

  @Test
  void fillingTheWorkspaceStopsAtItsSize() {
    ExecResult r =
        attacker.run(
            "dd if=/dev/zero of=/workspace/fill bs=1M count=1000; rm -f /workspace/fill",
            Duration.ofSeconds(60));
    assertThat(r.termination()).isEqualTo(Termination.EXIT);
    assertThat(r.stderrText()).contains("No space left on device");
  }

  @Test
  void aGigabyteToStdoutIsCutAtTheOutputCap() {
    ExecResult r = attacker.run("head -c 1073741824 /dev/zero", Duration.ofSeconds(120));
    assertThat(r.termination()).isEqualTo(Termination.OUTPUT_LIMIT);
    assertThat(r.stdoutTruncated()).isTrue();
    assertThat(r.stdout().length).isEqualTo(SandboxLimits.defaults().outputCapBytes());
    assertThat(r.duration()).isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void sleepingPastTheTimeoutIsKilledOnTime() {
    ExecResult r = attacker.run("sleep 600", Duration.ofSeconds(5));
    assertThat(r.termination()).isEqualTo(Termination.TIMEOUT);
    assertThat(r.duration()).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(20));
    assertThat(r.detail()).contains("restarted");
  }

  @Test
  void thereIsNoNetworkNotEvenToTheHost() throws Exception {
    String bridge = bridgeGateway();
    AtomicInteger accepted = new AtomicInteger();
    try (ServerSocket server = new ServerSocket()) {
      server.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0));
      Thread acceptor =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try (Socket s = server.accept()) {
                    accepted.incrementAndGet();
                  } catch (IOException e) {
                    return;
                  }
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      int port = server.getLocalPort();
      // The listener really is reachable from the host side, so a refusal below means isolation.
      try (Socket probe = new Socket(bridge, port)) {
        assertThat(probe.isConnected()).isTrue();
      }
      String script =
          String.join(
              "\n",
              "import socket",
              "def attempt(what, f):",
              "    try:",
              "        f(); print(what, 'REACHED')",
              "    except OSError as e:",
              "        print(what, 'blocked', type(e).__name__)",
              "attempt('dns', lambda: socket.gethostbyname('example.com'))",
              "for host in ['127.0.0.1', '" + bridge + "']:",
              "    attempt('tcp ' + host, lambda: socket.create_connection((host, "
                  + port
                  + "), timeout=3))",
              "attempt('tcp public', lambda: socket.create_connection(('1.1.1.1', 443), timeout=3))");
      attacker.writeFiles(java.util.Map.of("net.py", script.getBytes()));
      int before = accepted.get();
      ExecResult r = attacker.run("python3 net.py", Duration.ofSeconds(60));
      assertThat(r.termination()).isEqualTo(Termination.EXIT);
      assertThat(r.stdoutText())
          .contains(
              "dns blocked",
              "tcp 127.0.0.1 blocked",
              "tcp " + bridge + " blocked",
              "tcp public blocked")
          .doesNotContain("REACHED");
      assertThat(accepted.get()).isEqualTo(before);
    }
  }

  @Test
  void theDockerSocketIsNotThere() {
    ExecResult r =
        attacker.run(
            "ls -l /var/run/docker.sock /run/docker.sock 2>&1; echo end", Duration.ofSeconds(30));
    assertThat(r.stdoutText()).contains("No such file").doesNotContain("srw");
  }

  @Test
  void systemFoldersAndKernelSettingsAreReadOnly() {
    String script =
        String.join(
            "\n",
            "import errno",
            "for path in ['/etc/x', '/usr/x', '/usr/local/bin/x', '/proc/sys/kernel/hostname',",
            "             '/proc/sys/vm/drop_caches']:",
            "    try:",
            "        open(path, 'w').write('1')",
            "        print('WROTE', path)",
            "    except OSError as e:",
            "        print('denied', path, errno.errorcode[e.errno])");
    attacker.writeFiles(java.util.Map.of("ro.py", script.getBytes()));
    ExecResult r = attacker.run("python3 ro.py", Duration.ofSeconds(30));
    assertThat(r.stdoutText()).doesNotContain("WROTE");
    assertThat(r.stdoutText().lines().filter(l -> l.startsWith("denied ")))
        .hasSize(5)
        .allMatch(l -> l.endsWith("EROFS") || l.endsWith("EACCES") || l.endsWith("EPERM"));
  }

  @Test
  void theProcessHasNoCapabilitiesAndNoNewPrivileges() {
    ExecResult r =
        attacker.run(
            "grep -E '^(CapEff|NoNewPrivs|Uid)' /proc/self/status", Duration.ofSeconds(30));
    assertThat(r.stdoutText())
        .containsPattern("CapEff:\\s+0000000000000000")
        .containsPattern("NoNewPrivs:\\s+1")
        .containsPattern("Uid:\\s+1000\\s+1000");
  }

  @Test
  void aSetuidBinaryGainsNoPrivilege() {
    ExecResult r =
        attacker.run(
            "ls -l /usr/bin/su /bin/mount 2>/dev/null | head -2;"
                + " su -c id root </dev/null 2>&1; echo su=$?;"
                + " mount -t tmpfs none /mnt 2>&1; echo mount=$?; id -u",
            Duration.ofSeconds(30));
    String out = r.stdoutText();
    assertThat(out).containsPattern("-rws");
    assertThat(out).doesNotContain("uid=0").contains("su=1").containsPattern("mount=(1|32)");
    assertThat(out.strip()).endsWith("1000");
  }

  @Test
  void theHostFilesystemIsUntouched() throws Exception {
    Path marker = Files.createTempFile("bw-host", ".txt");
    Files.writeString(marker, "host");
    ExecResult r =
        attacker.run(
            "cat " + marker + " 2>&1; echo owned > " + marker + " 2>&1; echo done",
            Duration.ofSeconds(30));
    assertThat(r.stdoutText()).contains("No such file").contains("done");
    assertThat(Files.readString(marker)).isEqualTo("host");
    Files.delete(marker);
  }

  private static String bridgeGateway() {
    try (DockerAccess docker = new DockerAccess()) {
      return docker
          .control()
          .inspectNetworkCmd()
          .withNetworkId("bridge")
          .exec()
          .getIpam()
          .getConfig()
          .getFirst()
          .getGateway();
    }
  }
}
