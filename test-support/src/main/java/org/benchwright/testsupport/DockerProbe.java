package org.benchwright.testsupport;

import java.util.Optional;

/**
 * How a module's tests find out whether Docker and the sandbox image are there. Test support cannot
 * ask the engine itself (the engine tests with it), so each module registers one probe under {@code
 * META-INF/services/org.benchwright.testsupport.DockerProbe} in its test resources.
 */
public interface DockerProbe {

  /** What is missing, in words a developer can act on; empty when Docker tests can run. */
  Optional<String> whatIsMissing();
}
