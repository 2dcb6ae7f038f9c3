package org.benchwright.engine.sandbox;

/** How a sandboxed command ended. */
public enum Termination {
  /** It exited by itself; the exit code says how. */
  EXIT,
  /** It ran past its wall-clock deadline and the container was killed. */
  TIMEOUT,
  /** The kernel killed it for exceeding the memory limit. */
  OUT_OF_MEMORY,
  /** It wrote more than the output cap and the container was killed. */
  OUTPUT_LIMIT,
  /** The Docker engine failed while running it. */
  ENGINE_ERROR
}
