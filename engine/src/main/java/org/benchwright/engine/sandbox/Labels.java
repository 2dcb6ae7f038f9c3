package org.benchwright.engine.sandbox;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Labels on every container and volume Benchwright creates: they find orphans left by a crashed
 * process and tell which project and run a container belonged to.
 */
final class Labels {

  static final String MANAGED = "org.benchwright.managed";
  static final String OWNER = "org.benchwright.owner";
  static final String RUN = "org.benchwright.run";
  static final String HOST = "org.benchwright.host";
  static final String PID = "org.benchwright.pid";
  static final String POOL = "org.benchwright.pool";

  private Labels() {}

  static Map<String, String> of(String owner, String run) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(MANAGED, "true");
    labels.put(OWNER, owner);
    labels.put(RUN, run);
    labels.put(HOST, hostName());
    labels.put(PID, Long.toString(ProcessHandle.current().pid()));
    return labels;
  }

  static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown";
    }
  }

  /** True when the labels name a process on this host that no longer exists. */
  static boolean ownerIsDead(Map<String, String> labels) {
    if (labels == null || !hostName().equals(labels.get(HOST))) {
      return false;
    }
    try {
      long pid = Long.parseLong(labels.getOrDefault(PID, "-1"));
      return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
